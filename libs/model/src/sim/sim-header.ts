/**
 * The header that carries a sim task key out of band. Only a client talking to the sim sends it,
 * so the sim never has to read the prompt to know which task it is playing.
 */
export const SIM_TASK_HEADER = 'x-crucible-sim-task';

/** The label every report carries when numbers come from the sim model. */
export const SIM_NOTICE =
  'SIMULATED: these results come from the built-in sim model, a stochastic test double. They measure the harness, not any real model.';

import { SIM_MODEL } from '@crucible/sim';

/** Whether a `--model` or `--judge` name means the built-in sim: the one place the CLI decides it. */
export function isSimModel(name: string): boolean {
  return name === SIM_MODEL;
}

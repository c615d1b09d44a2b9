/** The label every report carries when numbers come from a test double (the built-in sim model). */
export const TEST_DOUBLE_NOTICE =
  'SIMULATED: these results come from the built-in sim model, a stochastic test double. They measure the harness, not any real model.';

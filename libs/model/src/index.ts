export { createModelClient } from './client/create-model-client.js';
export type { ModelClient, ModelClientOptions, ModelRequest, ModelResponse, ModelChoice, ModelToolCall, RetryInfo } from './client/types.js';
export { DEFAULT_BASE_URL, isLocalUrl } from './client/resolve-endpoint.js';
export { startSimServer } from './sim/sim-server.js';
export type { SimServer, SimServerOptions, SimStats, SimFaults, SimFaultKind } from './sim/sim-types.js';
export { formatSimBanner } from './sim/sim-banner.js';
export { registerSimTasks } from './sim/register-sim-tasks.js';
export { SIM_TASK_HEADER } from './sim/sim-header.js';
export { JUDGE_KEY_PREFIX as SIM_JUDGE_KEY_PREFIX } from './sim/judge-policy.js';

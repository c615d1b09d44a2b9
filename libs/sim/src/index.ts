export { startSimServer } from './sim-server.js';
export type { SimServer, SimServerOptions, SimStats, SimFaults, SimFaultKind, SimThinkingMode } from './sim-types.js';
export { formatSimBanner } from './sim-banner.js';
export { registerSimTasks } from './register-sim-tasks.js';
export { SIM_TASK_HEADER, simTaskHeaders, simTaskKey } from './sim-header.js';
export { createSimClient, SIM_MODEL, type SimClientOptions } from './sim-client.js';
export { AnswerScriptSchema, CodeScriptSchema, CodeToolsSchema, TaskScriptSchema } from './task-script.js';
export type { AnswerScript, CodeScript, CodeTools, TaskScript, TaskScripts } from './task-script.js';

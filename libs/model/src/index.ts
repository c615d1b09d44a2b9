export { createModelClient } from './client/create-model-client.js';
export type {
  ModelClient,
  ModelClientOptions,
  ModelRequest,
  RequestContext,
  ModelResponse,
  ModelChoice,
  ModelToolCall,
  ModelMessage,
  ModelApi,
  CutReason,
  ReasoningExtras,
  RetryInfo,
  ThinkTags,
} from './client/types.js';
export { DEFAULT_IDLE_TIMEOUT_MS } from './client/create-model-client.js';
export { CUT_REASONS } from './client/types.js';
export { DEFAULT_THINK_TAGS, parseThinkTags, splitThinking } from './client/think-tags.js';
export { DEFAULT_THINKING_FIELD, THINKING_FIELD_PRESETS, thinkingWriter } from './client/thinking-field.js';
export { DEFAULT_BASE_URL, isLocalUrl } from './client/resolve-endpoint.js';
export { startSimServer } from './sim/sim-server.js';
export type { SimServer, SimServerOptions, SimStats, SimFaults, SimFaultKind, SimThinkingMode } from './sim/sim-types.js';
export { formatSimBanner } from './sim/sim-banner.js';
export { registerSimTasks } from './sim/register-sim-tasks.js';
export { SIM_TASK_HEADER } from './sim/sim-header.js';
export { JUDGE_KEY_PREFIX as SIM_JUDGE_KEY_PREFIX } from './sim/judge-policy.js';
export { withResponseCache, cacheKey } from './cache/response-cache.js';
export type { CacheMode, ResponseCacheOptions } from './cache/response-cache.js';
export { probeEndpoint, type ProbeEndpointOptions, type ProbeResult } from './client/probe-endpoint.js';

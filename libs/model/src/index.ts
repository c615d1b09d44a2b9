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
export { withResponseCache, cacheKey } from './cache/response-cache.js';
export type { CacheMode, ResponseCacheOptions } from './cache/response-cache.js';
export { probeEndpoint, type ProbeEndpointOptions, type ProbeResult } from './client/probe-endpoint.js';

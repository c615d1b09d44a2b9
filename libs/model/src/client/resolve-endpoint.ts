import { CrucibleError } from '@crucible/core';

/** Default endpoint when neither an option nor OPENAI_BASE_URL gives one. */
export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
// Local servers (vLLM, llama.cpp, test doubles) usually ignore the key, but the SDK insists on one.
const PLACEHOLDER_KEY = 'not-needed';

/** True for base URLs on this machine. */
export function isLocalUrl(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host === '::1';
  } catch {
    return false;
  }
}

/** Base URL and key for a client: options, then environment, then defaults. */
export function resolveEndpoint(opts: { baseUrl?: string; apiKey?: string; testDouble: boolean }, env = process.env): { baseUrl: string; apiKey: string } {
  const baseUrl = (opts.baseUrl ?? env['OPENAI_BASE_URL'] ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  try {
    new URL(baseUrl);
  } catch {
    throw new CrucibleError('invalid_flag', `base URL "${baseUrl}" is not a URL`, { hint: 'pass --base-url like http://127.0.0.1:8000/v1' });
  }
  const apiKey = opts.apiKey || env['OPENAI_API_KEY'];
  if (apiKey) return { baseUrl, apiKey };
  if (opts.testDouble || isLocalUrl(baseUrl)) return { baseUrl, apiKey: PLACEHOLDER_KEY };
  throw new CrucibleError('missing_api_key', `no API key for ${baseUrl}`, {
    hint: 'set OPENAI_API_KEY or pass --base-url of a local server',
  });
}

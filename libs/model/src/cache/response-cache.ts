import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CrucibleError, hashOf } from '@crucible/core';
import { CUT_REASONS, type ModelClient, type ModelRequest, type ModelResponse } from '../client/types.js';

/** `off`: no cache; `read-write`: serve hits, record misses; `replay`: serve hits, a miss is an error (CI cassettes). */
export type CacheMode = 'off' | 'read-write' | 'replay';

/** Options of {@link withResponseCache}. */
export interface ResponseCacheOptions {
  mode: CacheMode;
  /** Folder of recorded responses (a cassette); one JSON file per request, safe to commit. */
  dir: string;
}

/** What a cached entry holds: the response and what it answered, for people reading a cassette. */
interface Entry {
  key: string;
  model: string;
  request: ModelRequest;
  response: Pick<ModelResponse, 'choices' | 'usage' | 'model' | 'testDouble' | 'usageEstimated'>;
}

/**
 * The canonical request: everything that changes the answer (model, endpoint, messages, tools, sampling knobs,
 * seed), never the API key. Equal requests hash alike whatever their key order. The request's context joins the key
 * only for a test double, whose answers depend on the task it is told about (env, task, role); a real model's do not,
 * and a sample's episode id and index are already in its seed.
 */
export function cacheKey(client: Pick<ModelClient, 'model' | 'baseUrl' | 'testDouble' | 'variant'>, req: ModelRequest): string {
  // The variant (API, thinking field, think tags) joins the key only when set, so older cassettes keep their keys.
  const variant = client.variant === undefined ? {} : { variant: client.variant };
  const { context, ...rest } = req;
  const asked = client.testDouble && context ? { asked: { env: context.env, taskId: context.taskId, role: context.role } } : {};
  return hashOf({ model: client.model, baseUrl: client.testDouble ? 'test-double' : client.baseUrl, request: rest, ...asked, ...variant });
}



/**
 * Wraps a client with a response cache keyed by the canonical request. Hits report the recorded usage (so
 * compute accounting is the same on replay) with `latencyMs` 0; writes are atomic, so parallel episodes and
 * crashes never leave half an entry.
 */
export function withResponseCache(client: ModelClient, options: ResponseCacheOptions): ModelClient & { stats(): { hits: number; misses: number } } {
  let hits = 0;
  let misses = 0;
  const pathOf = (key: string) => join(options.dir, key.slice(0, 2), `${key}.json`);
  return {
    model: client.model,
    baseUrl: client.baseUrl,
    testDouble: client.testDouble,
    variant: client.variant,
    thinkTags: client.thinkTags,
    stats: () => ({ hits, misses }),
    async generate(req, signal) {
      if (options.mode === 'off') return client.generate(req, signal);
      const key = cacheKey(client, req);
      const path = pathOf(key);
      const cached = await readFile(path, 'utf8').then(
        (text) => JSON.parse(text) as Entry,
        () => undefined,
      );
      if (cached) {
        hits++;
        return { ...cached.response, latencyMs: 0, retries: 0 };
      }
      misses++;
      if (options.mode === 'replay') {
        throw new CrucibleError('cache_miss', `no recorded response in ${options.dir} for this request (key ${key.slice(0, 16)})`, {
          hint: 'record it first with --cache read-write, or the prompt, model or settings changed since the cassette was made',
          details: { key },
        });
      }
      const response = await client.generate(req, signal);
      // A stream cut by a timeout, a dropped connection or an abort is an accident of that run, not the model's answer.
      if (response.choices.some((c) => CUT_REASONS.has(c.finishReason))) return response;
      const entry: Entry = { key, model: client.model, request: req, response: { choices: response.choices, usage: response.usage, model: response.model, testDouble: response.testDouble, ...(response.usageEstimated ? { usageEstimated: true } : {}) } };
      await mkdir(join(options.dir, key.slice(0, 2)), { recursive: true });
      const tmp = `${path}.${process.pid}.${Math.random().toString(16).slice(2)}.tmp`;
      await writeFile(tmp, JSON.stringify(entry));
      await rename(tmp, path);
      return response;
    },
  };
}

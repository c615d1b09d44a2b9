import leven from 'leven';
import { z } from 'zod';
import { canonicalJson } from './canonical-json.js';
import { ComputeSchema, type Compute, type ComputeInput } from './compute.js';
import { CrucibleError } from './errors.js';

/**
 * Every compute setting: its flat name (what flags, sweep axes and config files written before the groups
 * use), its place in the groups, and its flag. The one table the flat names are mapped by.
 */
export const COMPUTE_FIELDS = [
  { flat: 'samples', path: 'strategy.samples', flag: '--samples' },
  { flat: 'aggregate', path: 'strategy.aggregate', flag: '--aggregate' },
  { flat: 'adaptive', path: 'strategy.adaptive', flag: '--adaptive [confidence], --min-samples' },
  { flat: 'revisions', path: 'strategy.revisions', flag: '--revisions' },
  { flat: 'reasoningEffort', path: 'sampling.reasoningEffort', flag: '--reasoning-effort' },
  { flat: 'thinkingTokens', path: 'sampling.thinkingTokens', flag: '--thinking-tokens' },
  { flat: 'budgetForcing', path: 'sampling.budgetForcing', flag: '--budget-forcing' },
  { flat: 'maxWaits', path: 'sampling.maxWaits', flag: '--max-waits' },
  { flat: 'maxTokens', path: 'sampling.maxTokens', flag: '--max-tokens' },
  { flat: 'temperature', path: 'sampling.temperature', flag: '--temperature' },
  { flat: 'maxSteps', path: 'limits.perSample.maxSteps', flag: '--max-steps' },
  { flat: 'maxSampleTokens', path: 'limits.perSample.maxTokens', flag: '--max-sample-tokens' },
  { flat: 'maxSampleSeconds', path: 'limits.perSample.maxSeconds', flag: '--max-sample-seconds' },
  { flat: 'maxEpisodeTokens', path: 'limits.perEpisode.maxTokens', flag: '--max-episode-tokens' },
  { flat: 'maxEpisodeSeconds', path: 'limits.perEpisode.maxSeconds', flag: '--max-episode-seconds' },
  { flat: 'batch', path: 'transport.batch', flag: '--no-batch' },
  { flat: 'maxN', path: 'transport.maxN', flag: '--max-n' },
] as const;

/** One row of {@link COMPUTE_FIELDS}. */
export type ComputeField = (typeof COMPUTE_FIELDS)[number];
/** A flat compute setting name, as flags and sweep axes spell it. */
export type FlatComputeKey = ComputeField['flat'];

const BY_FLAT = new Map<string, ComputeField>(COMPUTE_FIELDS.map((f) => [f.flat, f]));
const BY_PATH = new Map<string, ComputeField>(COMPUTE_FIELDS.map((f) => [f.path, f]));
/** Every object level of the groups, with the names it accepts. */
const GROUPS = new Map<string, string[]>();
for (const { path } of COMPUTE_FIELDS) {
  const parts = path.split('.');
  for (let i = 0; i < parts.length; i++) {
    const parent = parts.slice(0, i).join('.');
    const names = GROUPS.get(parent) ?? [];
    if (!names.includes(parts[i]!)) names.push(parts[i]!);
    GROUPS.set(parent, names);
  }
}

/** The field of a flat name or a dotted group path (`samples`, `strategy.samples`), if it is one. */
export function computeField(key: string): ComputeField | undefined {
  return BY_FLAT.get(key) ?? BY_PATH.get(key);
}

/**
 * Turns compute settings as users write them into the grouped input {@link ComputeSchema} parses. Accepts
 * the groups (`{ strategy: { samples: 4 } }`), the flat names (`{ samples: 4 }`), dotted paths
 * (`{ "strategy.samples": 4 }`) and any mix; one setting given two ways with different values, a key that
 * is no setting, or a group that is not an object is a `CrucibleError` naming the field and the accepted names.
 * Values are not checked here: {@link parseCompute} does that.
 */
export function computeFromFlat(raw: unknown, what = 'compute settings'): ComputeInput {
  if (raw === undefined) return {};
  const values = new Map<string, unknown>();
  const spelled = new Map<string, string>();
  const put = (field: ComputeField, spelling: string, value: unknown) => {
    if (value === undefined) return;
    const before = spelled.get(field.path);
    if (before !== undefined && canonicalJson(values.get(field.path)) !== canonicalJson(value)) {
      throw new CrucibleError('invalid_config', `${what}: "${before}" and "${spelling}" both set ${field.path}, to ${JSON.stringify(values.get(field.path))} and ${JSON.stringify(value)}`, {
        hint: `give ${field.path} once: either the flat name "${field.flat}" or the group field`,
      });
    }
    values.set(field.path, value);
    spelled.set(field.path, spelling);
  };
  const walk = (value: unknown, prefix: string) => {
    if (!isPlainObject(value)) {
      throw new CrucibleError('invalid_config', `${what}${prefix ? ` field "${prefix}"` : ''} must be an object, not ${JSON.stringify(value)}`, {
        hint: `give an object with any of: ${GROUPS.get(prefix)!.join(', ')}`,
      });
    }
    for (const [key, v] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${key}` : key;
      const field = prefix ? BY_PATH.get(path) : computeField(key);
      if (field) put(field, path, v);
      else if (GROUPS.has(path)) walk(v, path);
      else throw unknownField(what, path, prefix);
    }
  };
  walk(raw, '');
  const out: Record<string, unknown> = {};
  for (const [path, value] of values) setPath(out, path, value);
  return out as ComputeInput;
}

/** Validates compute settings in any spelling {@link computeFromFlat} takes; errors name the field, its flat name and its flag. */
export function parseCompute(raw: unknown, what = 'compute settings', hint = 'see `crucible run --help` for the compute flags'): Compute {
  const parsed = ComputeSchema.safeParse(computeFromFlat(raw, what));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = issue.path.join('.');
  const field = [...BY_PATH.values()].find((f) => path === f.path || path.startsWith(`${f.path}.`));
  const also = field ? ` (${field.flat}, ${field.flag})` : '';
  throw new CrucibleError('invalid_config', `${what}${path ? ` field "${path}"${also}` : ''}: ${issue.message}`, { hint });
}

/**
 * The settings under their flat names, absent ones left out: what point labels, sweep axes and episode ids
 * are made of, so they read (and hash) as they did before the groups.
 */
export function flattenCompute(compute: ComputeInput | Compute): Partial<Record<FlatComputeKey, unknown>> {
  const out: Partial<Record<FlatComputeKey, unknown>> = {};
  for (const field of COMPUTE_FIELDS) {
    let v: unknown = compute;
    for (const part of field.path.split('.')) v = isPlainObject(v) ? v[part] : undefined;
    if (v !== undefined) out[field.flat] = v;
  }
  return out;
}

function unknownField(what: string, path: string, prefix: string): CrucibleError {
  const accepted = GROUPS.get(prefix)!;
  const names = prefix ? accepted : [...COMPUTE_FIELDS.map((f) => f.flat), ...accepted];
  const name = path.slice(prefix ? prefix.length + 1 : 0);
  const near = names.find((n) => leven(n.toLowerCase(), name.toLowerCase()) <= 2);
  return new CrucibleError('invalid_config', `${what} field "${path}" is not a compute setting${near ? ` (did you mean "${prefix ? `${prefix}.` : ''}${near}"?)` : ''}`, {
    hint: prefix ? `${prefix} takes: ${accepted.join(', ')}` : `accepted: the flat names ${COMPUTE_FIELDS.map((f) => f.flat).join(', ')}; or the groups ${accepted.join(', ')}`,
  });
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts[parts.length - 1]!] = value;
}

/**
 * Compute settings as stored in episode records: the grouped shape, and records written before the groups
 * (flat names) read as grouped, so stored baselines still load and compare.
 */
export const StoredComputeSchema = z.preprocess((value, ctx) => {
  try {
    return computeFromFlat(value, 'compute');
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
    return z.NEVER;
  }
}, ComputeSchema);

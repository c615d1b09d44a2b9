import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { computeFromFlat, CrucibleError, PriceSchema, RunBudgetSchema } from '@crucible/core';

/** The optional `--config FILE` (JSON): every field a flag can set; flags win over the file. */
export const ConfigFileSchema = z
  .object({
    env: z.string().optional(),
    envConfig: z.record(z.string(), z.unknown()).optional(),
    model: z.string().optional(),
    baseUrl: z.string().url().optional(),
    tasks: z.number().int().positive().optional(),
    concurrency: z.number().int().positive().optional(),
    seed: z.number().int().optional(),
    epochs: z.number().int().positive().optional(),
    out: z.string().optional(),
    compute: z.record(z.string(), z.unknown()).optional(),
    grid: z.record(z.string(), z.array(z.union([z.string(), z.number(), z.boolean()]))).optional(),
    budget: RunBudgetSchema.optional(),
    price: PriceSchema.optional(),
    judgePrice: PriceSchema.optional(),
  })
  .strict();

/** See {@link ConfigFileSchema}. */
export type ConfigFile = z.infer<typeof ConfigFileSchema>;

/** Reads and validates a config file; errors name the file, the line (for JSON syntax) and the field. */
export async function readConfigFile(path: string): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new CrucibleError('invalid_config', `cannot read config file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      hint: 'check the --config path',
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const pos = /position (\d+)/.exec((err as Error).message);
    const line = pos ? text.slice(0, Number(pos[1])).split('\n').length : undefined;
    throw new CrucibleError('invalid_config', `${path}${line ? `:${line}` : ''}: not valid JSON (${(err as Error).message})`, { hint: 'fix the JSON syntax' });
  }
  const parsed = ConfigFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CrucibleError('invalid_config', `${path}: field "${issue.path.join('.') || '(root)'}": ${issue.message}`, {
      hint: 'see `crucible run --help` for the fields and their types',
    });
  }
  // Unknown or doubly given compute keys are named with the file here; values are checked with the flags.
  computeFromFlat(parsed.data.compute, `${path}: compute`);
  return parsed.data;
}

/** Turns `key=value` strings into JSON-ish values: numbers, booleans and JSON literals where they parse. */
export function coerceValues(values: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(values)) {
    if (/^-?\d+(\.\d+)?$/.test(raw)) out[key] = Number(raw);
    else if (raw === 'true' || raw === 'false') out[key] = raw === 'true';
    else if (/^[[{"]/.test(raw)) {
      try {
        out[key] = JSON.parse(raw);
      } catch {
        out[key] = raw;
      }
    } else out[key] = raw;
  }
  return out;
}

/** Validates data against a zod schema, turning the first issue into a user error naming `what` and the field. */
export function validate<T>(schema: z.ZodType<T>, value: unknown, what: string, hint: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join('.');
  throw new CrucibleError('invalid_config', `${what}${field ? ` field "${field}"` : ''}: ${issue.message}`, { hint });
}

import { computeField, CrucibleError, type Compute } from '@crucible/core';
import type { ComputePoint } from '@crucible/orchestrator';

/** The compute fields a sweep can vary, by their flat names (a group path such as `sampling.temperature` names the same axis). */
const AXES = ['samples', 'reasoningEffort', 'thinkingTokens', 'budgetForcing', 'temperature', 'maxTokens', 'revisions', 'aggregate'] as const;
type Axis = (typeof AXES)[number];

/** One grid axis and its values. */
export interface GridAxis {
  key: Axis;
  values: Array<string | number | boolean>;
}

/** Parses `--grid key=v1,v2` flags (and a config file's `grid`); flags win per key. */
export function parseGridFlags(flags: string[], fromFile: Record<string, Array<string | number | boolean>> = {}): GridAxis[] {
  // One key per axis whichever way it is spelt, so labels read `reasoningEffort=low` as in earlier runs.
  const axisKey = (key: string) => computeField(key)?.flat ?? key;
  const byKey = new Map<string, Array<string | number | boolean>>(Object.entries(fromFile).map(([k, v]) => [axisKey(k), v]));
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq <= 0) throw new CrucibleError('invalid_flag', `--grid "${flag}" is not key=v1,v2,...`, { hint: 'for example --grid samples=1,2,4,8' });
    const values = flag
      .slice(eq + 1)
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '')
      .map((v) => (/^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v));
    if (values.length === 0) throw new CrucibleError('invalid_flag', `--grid "${flag}" has no values`, { hint: 'for example --grid samples=1,2,4,8' });
    byKey.set(axisKey(flag.slice(0, eq).trim()), values);
  }
  return [...byKey.entries()].map(([key, values]) => {
    if (values.length === 0) throw new CrucibleError('invalid_config', `grid axis "${key}" has no values`, { hint: 'give at least one value, for example "samples": [1, 2, 4]' });
    if (!(AXES as readonly string[]).includes(key)) {
      throw new CrucibleError('invalid_flag', `--grid axis "${key}" is not one of ${AXES.join(', ')}`, { hint: 'for example --grid reasoningEffort=low,high, or by its group path --grid sampling.reasoningEffort=low,high' });
    }
    return { key: key as Axis, values: [...new Set(values)] };
  });
}

/**
 * Expands the grid into compute points. The `samples` axis is folded: every point draws the largest N once
 * and the smaller values are read off that pool (k-curves), so a sweep over 1,2,4,...,N costs N samples per task.
 */
export function expandGrid(axes: GridAxis[], resolve: (overrides: Record<string, unknown>) => Compute): { points: ComputePoint[]; poolOf?: number[] } {
  const samplesAxis = axes.find((a) => a.key === 'samples');
  let poolOf: number[] | undefined;
  if (samplesAxis) {
    poolOf = samplesAxis.values.map((v) => Number(v)).sort((a, b) => a - b);
    if (poolOf.some((n) => !Number.isInteger(n) || n < 1)) throw new CrucibleError('invalid_flag', `--grid samples values must be whole numbers >= 1`, { hint: 'for example --grid samples=1,2,4,8' });
  }
  const others = axes.filter((a) => a.key !== 'samples');
  let combos: Array<Record<string, unknown>> = [{}];
  for (const axis of others) combos = combos.flatMap((c) => axis.values.map((v) => ({ ...c, [axis.key]: v })));
  const points = combos.map((overrides) => {
    const compute = resolve({ ...overrides, ...(poolOf ? { samples: poolOf[poolOf.length - 1] } : {}) });
    const label = others.length === 0 ? `samples<=${compute.strategy.samples}` : others.map((a) => `${a.key}=${String(overrides[a.key])}`).join(' ');
    return { label, compute };
  });
  return { points, poolOf };
}

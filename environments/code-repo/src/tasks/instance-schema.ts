import { z } from 'zod';
import { WORKSPACE_HISTORIES } from '../workspace/workspace-options.js';

/** Test frameworks whose output the scorer can read per test. */
export const TEST_FRAMEWORKS = ['node-test', 'vitest', 'jest', 'pytest', 'python-unittest'] as const;

/** See {@link TEST_FRAMEWORKS}. */
export type TestFramework = (typeof TEST_FRAMEWORKS)[number];

/** SWE-bench stores test lists as JSON-encoded strings; accept both that and real arrays. */
const TestList = z.preprocess((value) => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}, z.array(z.string().min(1), { error: 'expected a list of test ids (or a JSON-encoded list)' }));

/** SWE-bench Verified labels effort in words; map those onto 1-5. */
const VERIFIED_DIFFICULTY: Record<string, number> = {
  '<15 min fix': 1,
  '15 min - 1 hour': 2,
  '1-4 hours': 3,
  '>4 hours': 4,
};

const Difficulty = z.preprocess((value) => {
  if (typeof value !== 'string') return value;
  return VERIFIED_DIFFICULTY[value] ?? (/^\d+$/.test(value) ? Number(value) : value);
}, z.number().int().min(1).max(5));

/** Guesses the framework from a test command, for instances that only give `test_command`. */
export function inferFramework(command: string): TestFramework | undefined {
  if (/\bpytest\b/.test(command)) return 'pytest';
  if (/\bunittest\b/.test(command)) return 'python-unittest';
  if (/\bvitest\b/.test(command)) return 'vitest';
  if (/\bjest\b/.test(command)) return 'jest';
  if (/\bnode\b.*--test\b/.test(command)) return 'node-test';
  return undefined;
}

/** SWE-bench writes `version` as a string ("3.0"); JSON exports sometimes hold a number. */
const Version = z.union([z.string(), z.number()]).transform(String);

/**
 * Guesses the framework from SWE-bench's test ids, for rows that give neither `test_framework` nor
 * `test_command` (the Hugging Face files do not): `path::test` ids are pytest's, `test_x (pkg.mod.Class)` unittest's.
 */
export function frameworkOfIds(ids: string[]): TestFramework | undefined {
  if (ids.length > 0 && ids.every((id) => /^[^\s:]+\.py::/.test(id))) return 'pytest';
  if (ids.length > 0 && ids.every((id) => /^\w+ \([\w.]+\)$/.test(id))) return 'python-unittest';
  return undefined;
}

/**
 * One SWE-bench instance. `version`, `environment_setup_commit`, `created_at` and `hints_text` are carried
 * through (into the task's metadata; `hints_text` reaches the agent only with the `showHints` option); other
 * unknown fields are dropped.
 * `visible_tests` (ids the agent may run at base) and `wrong_patch` (a plausible wrong fix, for the sim) are extensions.
 */
export const InstanceSchema = z
  .object({
    instance_id: z.string().min(1),
    repo: z.string().min(1),
    base_commit: z.string().regex(/^[0-9a-f]{7,64}$/i, 'expected a commit hash (7-64 hex digits)'),
    problem_statement: z.string().min(1),
    patch: z.string().default(''),
    test_patch: z.string().default(''),
    FAIL_TO_PASS: TestList.refine((l) => l.length > 0, 'must list at least one test'),
    PASS_TO_PASS: TestList.default([]),
    test_command: z.string().min(1).optional(),
    test_framework: z.enum(TEST_FRAMEWORKS).optional(),
    difficulty: Difficulty.optional(),
    hints_text: z.string().optional(),
    version: Version.optional(),
    environment_setup_commit: z.string().regex(/^[0-9a-f]{7,64}$/i, 'expected a commit hash (7-64 hex digits)').optional(),
    created_at: z.string().optional(),
    visible_tests: TestList.optional(),
    wrong_patch: z.string().optional(),
    // Workspace fields (issue 8): how the repository is checked out and prepared.
    setup_command: z.string().min(1).optional(),
    history: z.enum(WORKSPACE_HISTORIES).optional(),
  })
  .transform((inst, ctx) => {
    const framework = inst.test_framework ?? (inst.test_command ? inferFramework(inst.test_command) : frameworkOfIds(inst.FAIL_TO_PASS));
    if (!framework) {
      ctx.addIssue({
        code: 'custom',
        path: ['test_framework'],
        message: `missing: set test_framework to one of ${TEST_FRAMEWORKS.join(', ')}`,
      });
      return z.NEVER;
    }
    return { ...inst, test_framework: framework };
  });

/** A validated instance (framework resolved). */
export type Instance = z.output<typeof InstanceSchema>;

/** The instance id of a raw JSON value, if it has one, for naming errors. */
export function rawInstanceId(value: unknown): string | undefined {
  const id = (value as { instance_id?: unknown } | null)?.instance_id;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}

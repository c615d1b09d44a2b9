import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isCrucibleError } from '@crucible/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { observationOf } from '../src/session.js';
import { loadDataset } from '../src/tasks/load-dataset.js';
import { cleanTempDirs, tempDir } from './helpers.js';
import { writeJsonDataset, writeJsonlDataset, writeParquetDataset } from './real-repos/dataset-files.js';

let dir: string;

/** Two SWE-bench rows as the Hugging Face files hold them, and one without FAIL_TO_PASS. */
const rows = [
  {
    instance_id: 'acme__widgets-1',
    repo: 'acme/widgets',
    base_commit: 'a'.repeat(40),
    patch: 'diff --git a/w.py b/w.py\n',
    test_patch: 'diff --git a/tests/test_w.py b/tests/test_w.py\n',
    problem_statement: 'Widgets break on Tuesdays',
    hints_text: 'Look at the calendar code.',
    created_at: '2023-06-01T12:34:56.000Z',
    version: '3.0',
    environment_setup_commit: 'b'.repeat(40),
    FAIL_TO_PASS: '["tests/test_w.py::test_tuesday"]',
    test_framework: 'pytest',
    PASS_TO_PASS: '["tests/test_w.py::test_monday", "tests/test_w.py::test_param[a b]"]',
  },
  {
    instance_id: 'acme__widgets-2',
    repo: 'acme/widgets',
    base_commit: 'c'.repeat(40),
    patch: '',
    test_patch: '',
    problem_statement: 'Gadgets too',
    hints_text: null,
    created_at: '2023-07-01T00:00:00.000Z',
    version: '3.1',
    environment_setup_commit: 'd'.repeat(40),
    FAIL_TO_PASS: '["tests/test_g.py::test_g"]',
    test_framework: 'pytest',
    PASS_TO_PASS: '[]',
  },
  {
    instance_id: 'acme__widgets-3',
    repo: 'acme/widgets',
    base_commit: 'e'.repeat(40),
    patch: '',
    test_patch: '',
    problem_statement: 'No tests listed',
    hints_text: '',
    created_at: null,
    version: '3.1',
    environment_setup_commit: null,
    FAIL_TO_PASS: null,
    test_framework: 'pytest',
    PASS_TO_PASS: '[]',
  },
];

beforeAll(async () => {
  dir = await tempDir('code-repo-formats-');
});

afterAll(cleanTempDirs);

describe('SWE-bench datasets as distributed', () => {
  const formats = [
    { label: '.jsonl', file: 'swe.jsonl', write: writeJsonlDataset, where: (n: number) => `:${n}` },
    { label: '.json', file: 'swe.json', write: writeJsonDataset, where: (n: number) => `:row ${n}` },
    { label: '.parquet', file: 'swe.parquet', write: writeParquetDataset, where: (n: number) => `:row ${n}` },
    {
      label: '.parquet with list<string> test lists',
      file: 'swe-lists.parquet',
      write: (file: string, r: Array<Record<string, unknown>>) => writeParquetDataset(file, r, { listColumns: true }),
      where: (n: number) => `:row ${n}`,
    },
  ];
  for (const { label, file: name, write, where } of formats) {
    it(`${label}: fields carried through, test lists decoded, a bad record named by ${where(3).slice(1).replace('3', 'N')}`, async () => {
      const file = await write(path.join(dir, name), rows);
      if (name.endsWith('.parquet')) expect((await readFile(file)).subarray(0, 4).toString()).toBe('PAR1');
      const tasks = await loadDataset(file, { reposDir: dir });
      expect(tasks.map((t) => t.id)).toEqual(['acme__widgets-1', 'acme__widgets-2', 'acme__widgets-3']);
      const first = tasks[0]?.metadata.instance;
      expect(first).toMatchObject({
        FAIL_TO_PASS: ['tests/test_w.py::test_tuesday'],
        PASS_TO_PASS: ['tests/test_w.py::test_monday', 'tests/test_w.py::test_param[a b]'],
        version: '3.0',
        environment_setup_commit: 'b'.repeat(40),
        created_at: '2023-06-01T12:34:56.000Z',
        hints_text: 'Look at the calendar code.',
        test_framework: 'pytest',
      });
      expect(tasks[0]?.metadata.source).toBe(`${file}${where(1)}`);
      // a null is an absent field
      expect(tasks[1]?.metadata.instance?.hints_text).toBeUndefined();
      expect(tasks[2]?.metadata.loadError).toBe(
        `${file}${where(3)}: instance acme__widgets-3: field FAIL_TO_PASS: expected a list of test ids (or a JSON-encoded list)`,
      );
      const strict = await loadDataset(file, { strict: true }).catch((e: unknown) => e);
      expect(isCrucibleError(strict) && strict.code).toBe('invalid_dataset');
      expect((strict as Error).message).toContain(`${file}${where(3)}:`);
    });
  }

  it('rows as Hugging Face ships them (no test_framework, no test_command) take the framework from their test ids', async () => {
    const bare = { ...rows[0], test_framework: undefined };
    const file = await writeJsonlDataset(path.join(dir, 'no-framework.jsonl'), [
      bare,
      { ...bare, instance_id: 'django-like', FAIL_TO_PASS: '["test_tuesday (widgets.tests.WeekTests)"]' },
      { ...bare, instance_id: 'js-like', FAIL_TO_PASS: '["week > tuesday"]' },
    ]);
    const tasks = await loadDataset(file);
    expect(tasks[0]?.metadata.instance?.test_framework).toBe('pytest');
    expect(tasks[1]?.metadata.instance?.test_framework).toBe('python-unittest');
    // nothing to go by: the row says which field to set
    expect(tasks[2]?.metadata.loadError).toMatch(/:3: instance js-like: field test_framework: missing: set test_framework to one of/);
  });

  it('a .json file that is not an array is read as JSONL; broken JSON arrays and Parquet files fail with the file named', async () => {
    const jsonl = path.join(dir, 'lines.json');
    await writeFile(jsonl, rows.slice(0, 2).map((r) => JSON.stringify(r)).join('\n'));
    expect((await loadDataset(jsonl)).map((t) => t.id)).toEqual(['acme__widgets-1', 'acme__widgets-2']);
    const brokenJson = path.join(dir, 'broken.json');
    await writeFile(brokenJson, '[{"instance_id": "x"},');
    const e1 = await loadDataset(brokenJson).catch((e: unknown) => e);
    expect(isCrucibleError(e1) && e1.code).toBe('invalid_dataset');
    expect((e1 as Error).message).toMatch(new RegExp(`^${brokenJson}: not a valid JSON array`));
    const notParquet = path.join(dir, 'fake.parquet');
    await writeFile(notParquet, 'this is not parquet at all');
    const e2 = await loadDataset(notParquet).catch((e: unknown) => e);
    expect(isCrucibleError(e2) && e2.code).toBe('invalid_dataset');
    expect((e2 as Error).message).toContain(`cannot read Parquet dataset ${notParquet}:`);
  });

  it('hints reach the agent only when the config says so', async () => {
    const file = await writeJsonlDataset(path.join(dir, 'hints.jsonl'), [rows[0]!]);
    const instance = (await loadDataset(file))[0]?.metadata.instance;
    if (!instance) throw new Error('instance expected');
    expect(observationOf(instance, undefined)).not.toContain('calendar');
    expect(observationOf(instance, undefined, true)).toContain('Hints (from the issue discussion):\nLook at the calendar code.');
  });
});

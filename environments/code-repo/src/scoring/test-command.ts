import type { Instance, TestFramework } from '../tasks/instance-schema.js';

/**
 * The command each framework runs with when the instance gives no `test_command`. The JavaScript ones run the
 * whole suite (their ids are test names, which do not select files); the Python ones take the ids.
 */
export const DEFAULT_TEST_COMMANDS: Record<TestFramework, string> = {
  'node-test': 'node --test --test-reporter=tap',
  vitest: 'npx --no-install vitest run --reporter=verbose',
  jest: 'npx --no-install jest --json',
  pytest: 'python3 -m pytest -rA -p no:cacheprovider {tests}',
  'python-unittest': 'python3 -m unittest -v {tests}',
};

const PYTHON: ReadonlySet<TestFramework> = new Set(['pytest', 'python-unittest']);

/** Single-quotes a word for /bin/sh. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * What `{tests}` stands for: the test ids for the Python frameworks; for the JavaScript ones the test files
 * the hidden test patch touches (so a custom `npx jest {tests}` runs those files), or nothing.
 */
export function testArgs(instance: Instance, ids: string[], testFiles: string[]): string[] {
  return PYTHON.has(instance.test_framework) ? ids : testFiles;
}

/** The shell command that runs `args` with the instance's template (or its framework's default). */
export function testCommand(instance: Instance, args: string[]): string {
  const template = instance.test_command ?? DEFAULT_TEST_COMMANDS[instance.test_framework];
  const words = [...new Set(args)].map(shellQuote).join(' ');
  return template.includes('{tests}') ? template.replace('{tests}', () => words).trim() : template;
}

/** The command that runs the tests an agent can see (`visible_tests`), if the instance has any. */
export function visibleTestCommand(instance: Instance): string | undefined {
  if (!instance.visible_tests || instance.visible_tests.length === 0) return undefined;
  return testCommand(instance, testArgs(instance, instance.visible_tests, []));
}

import type { Instance, TestFramework } from '../tasks/instance-schema.js';
import { canonicalUnittestId } from './parsers/unittest.js';

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
 * What `{tests}` stands for: the test ids for the Python frameworks (unittest ids in the dotted form it can
 * load, whichever form the dataset uses); for the JavaScript ones the test files
 * the hidden test patch touches (so a custom `npx jest {tests}` runs those files), or nothing.
 */
export function testArgs(instance: Instance, ids: string[], testFiles: string[]): string[] {
  if (instance.test_framework === 'python-unittest') return ids.map(canonicalUnittestId);
  return PYTHON.has(instance.test_framework) ? ids : testFiles;
}

/** A machine-readable reporter the harness adds to a runner's command when the command does not choose one. */
interface Reporter {
  /** The command runs this runner itself (not through `npm test` or a script, where a flag could land elsewhere). */
  runs: RegExp;
  /** The command already picks a reporter that names every test. */
  chosen: RegExp;
  flag: string;
}

const REPORTERS: Partial<Record<TestFramework, Reporter>> = {
  pytest: { runs: /\bpytest\b/, chosen: /(?:^|\s)(?:-r\S*A|--junit-?xml\b)/, flag: '-rA' },
  jest: { runs: /\bjest\b/, chosen: /(?:^|\s)--json\b/, flag: '--json' },
  vitest: { runs: /\bvitest\b/, chosen: /(?:^|\s)--reporter\b/, flag: '--reporter=default --reporter=json' },
};

/** A test command, and the reporter flag the harness added to it (said in the grading log). */
export interface TestInvocation {
  command: string;
  added?: string;
}

/**
 * The shell command that runs `args` with the instance's template (or its framework's default). Where the
 * template runs pytest, jest or vitest directly and passes `{tests}`, the runner's reporter that names every
 * outcome (`-rA`, `--json`, `--reporter=json`) goes in front of the tests; the default reports of all
 * runners are read too, so a template without `{tests}` still grades.
 */
export function testInvocation(instance: Instance, args: string[]): TestInvocation {
  let template = instance.test_command ?? DEFAULT_TEST_COMMANDS[instance.test_framework];
  const reporter = REPORTERS[instance.test_framework];
  const add = reporter && template.includes('{tests}') && reporter.runs.test(template) && !reporter.chosen.test(template);
  if (add) template = template.replace('{tests}', `${reporter.flag} {tests}`);
  const words = [...new Set(args)].map(shellQuote).join(' ');
  const command = template.includes('{tests}') ? template.replace('{tests}', () => words).trim() : template;
  return add ? { command, added: reporter.flag } : { command };
}

/** The shell command of {@link testInvocation}. */
export function testCommand(instance: Instance, args: string[]): string {
  return testInvocation(instance, args).command;
}

/** The command that runs the tests an agent can see (`visible_tests`), if the instance has any. */
export function visibleTestCommand(instance: Instance): string | undefined {
  if (!instance.visible_tests || instance.visible_tests.length === 0) return undefined;
  return testCommand(instance, testArgs(instance, instance.visible_tests, []));
}

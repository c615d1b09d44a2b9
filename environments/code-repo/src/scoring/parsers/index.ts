import type { TestFramework } from '../../tasks/instance-schema.js';
import { parseJestReport } from './jest.js';
import { parseNodeTest } from './node-test.js';
import type { ParsedReport, ParsedTest } from './parsed-test.js';
import { parsePytestReport } from './pytest.js';
import { parseUnittestReport } from './unittest.js';
import { parseVitestReport } from './vitest.js';

export type { ParsedReport, ParsedTest, RunTally, TallyGroup, TestOutcome } from './parsed-test.js';
export { stripAnsi } from './parsed-test.js';
export { parseNodeTap, parseNodeSpec, parseNodeTest } from './node-test.js';
export { parseJestJson } from './jest-json.js';
export { parseJest, parseJestReport } from './jest.js';
export { parseVitest, parseVitestReport } from './vitest.js';
export { parsePytest, parsePytestReport } from './pytest.js';
export { parseUnittest, parseUnittestReport, canonicalUnittestId } from './unittest.js';

const PARSERS: Record<TestFramework, (text: string) => ParsedReport> = {
  'node-test': (text) => ({ tests: parseNodeTest(text) }),
  vitest: parseVitestReport,
  jest: parseJestReport,
  pytest: parsePytestReport,
  'python-unittest': parseUnittestReport,
};

/** Per-test results from a framework's output, plus the run's tally where the reporter names only failures. */
export function parseTestReport(framework: TestFramework, text: string): ParsedReport {
  return PARSERS[framework](text);
}

/** Per-test results from a framework's output (empty when nothing could be read). */
export function parseTestOutput(framework: TestFramework, text: string): ParsedTest[] {
  return PARSERS[framework](text).tests;
}

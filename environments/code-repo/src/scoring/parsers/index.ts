import type { TestFramework } from '../../tasks/instance-schema.js';
import { parseJest } from './jest.js';
import { parseNodeTest } from './node-test.js';
import type { ParsedTest } from './parsed-test.js';
import { parsePytest } from './pytest.js';
import { parseUnittest } from './unittest.js';
import { parseVitest } from './vitest.js';

export type { ParsedTest, TestOutcome } from './parsed-test.js';
export { stripAnsi } from './parsed-test.js';
export { parseNodeTap, parseNodeSpec, parseNodeTest } from './node-test.js';
export { parseJestJson } from './jest-json.js';
export { parseJest } from './jest.js';
export { parseVitest } from './vitest.js';
export { parsePytest } from './pytest.js';
export { parseUnittest, canonicalUnittestId } from './unittest.js';

const PARSERS: Record<TestFramework, (text: string) => ParsedTest[]> = {
  'node-test': parseNodeTest,
  vitest: parseVitest,
  jest: parseJest,
  pytest: parsePytest,
  'python-unittest': parseUnittest,
};

/** Per-test results from a framework's output (empty when nothing could be read). */
export function parseTestOutput(framework: TestFramework, text: string): ParsedTest[] {
  return PARSERS[framework](text);
}

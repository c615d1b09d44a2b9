import type { RequestContext } from '@crucible/model';
import { simTaskKey } from '../src/sim-header.js';
import type { CodeTools } from '../src/task-script.js';

/** The environment name the sim's tests register their scripts under. */
export const TEST_ENV = 'test-env';

/** The context of a request about `taskId` of {@link TEST_ENV}: what the agent sets on every request. */
export function asked(taskId: string, role: RequestContext['role'] = 'policy'): RequestContext {
  return { env: TEST_ENV, taskId, episodeId: 'ep-test', sampleIndex: 0, role };
}

/** The sim's task key of `taskId` of {@link TEST_ENV}. */
export const keyOf = (taskId: string) => simTaskKey(TEST_ENV, taskId);

/** All three final-answer formats the math environment uses (GSM8K, boxed, prose), in the sim's draw order. */
export const ANSWER_FORMATS = ['#### {answer}', '\\boxed{{answer}}', 'The answer is {answer}.'];

/** Tool names and argument names of a code environment like code-repo's. */
export const CODE_TOOLS: CodeTools = {
  listDir: { name: 'list_dir', path: 'path' },
  readFile: { name: 'read_file', path: 'path' },
  edit: { name: 'edit', path: 'path', old: 'old', new: 'new' },
  writeFile: { name: 'write_file', path: 'path', content: 'content' },
  run: { name: 'run', command: 'command' },
  submit: { name: 'submit', summary: 'summary' },
};

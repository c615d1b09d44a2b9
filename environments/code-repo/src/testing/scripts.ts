import type { CodeTools, TaskScript, TaskScripts } from '@crucible/sim';
import { visibleTestCommand } from '../scoring/test-command.js';
import type { CodeTask } from '../tasks/code-task.js';

/** The code-repo tools the sim's code policy calls, with their argument names (see `tools/specs.ts`). */
export const CODE_REPO_SCRIPT_TOOLS: CodeTools = {
  listDir: { name: 'list_dir', path: 'path' },
  readFile: { name: 'read_file', path: 'path' },
  edit: { name: 'edit', path: 'path', old: 'old', new: 'new' },
  writeFile: { name: 'write_file', path: 'path', content: 'content' },
  run: { name: 'run', command: 'command' },
  submit: { name: 'submit', summary: 'summary' },
};

/** The sim's script of a code task: the reference and wrong patch, the visible test command, the tools; none without an instance. */
export function codeRepoScript(task: CodeTask): TaskScript | undefined {
  const instance = task.metadata.instance;
  if (!instance) return undefined;
  return {
    kind: 'code',
    difficulty: instance.difficulty ?? 3,
    patch: instance.patch,
    wrongPatch: instance.wrong_patch,
    testCommand: visibleTestCommand(instance),
    tools: CODE_REPO_SCRIPT_TOOLS,
  };
}

/** What the sim needs to play the code-repo environment's tasks. */
export const scripts: TaskScripts<CodeTask> = { scriptFor: (task) => codeRepoScript(task) };

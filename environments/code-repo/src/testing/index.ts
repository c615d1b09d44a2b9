// The `testing` subpath: the sim's scripts of this environment's tasks, and real-repository fixtures for tests.
export { CODE_REPO_SCRIPT_TOOLS, codeRepoScript, scripts } from './scripts.js';
export * from '../../test/real-repos/index.js';

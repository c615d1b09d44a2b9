export { FakeModel, toolCalls } from './fake-model.js';
export type { FakeModelOptions, FakeResponse, FakeScript, FakeTurn } from './fake-model.js';
export { addTask, answerEnv, fileEnv, makeAnswerEnv, scripts } from './tiny-envs.js';
export type { AnswerTask, FileTask } from './tiny-envs.js';

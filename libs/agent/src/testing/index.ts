export { FakeModel, toolCalls } from './fake-model.js';
export type { FakeModelOptions, FakeResponse, FakeScript, FakeTurn } from './fake-model.js';

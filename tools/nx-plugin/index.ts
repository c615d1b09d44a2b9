import { createNodes } from './src/create-nodes';

export { createNodes };

export { mathScript, scripts } from './scripts.js';

import { createRequire } from 'node:module';

/**
 * Where the grading worker's code is and how to start it. Built, it is `dist/pool/grade-worker.js` and
 * needs nothing. From TypeScript sources (`--conditions=development` with tsx, or vitest) it is
 * `grade-worker.ts`, and a worker thread does not inherit the parent's loader hooks: it is started with
 * tsx's loader and the `development` condition itself, so it resolves workspace packages to sources too.
 */
export function workerEntry(): { filename: string; execArgv: string[] } {
  const here = import.meta.url;
  const fromSource = /\.ts$/.test(new URL(here).pathname);
  const filename = new URL(`./grade-worker.${fromSource ? 'ts' : 'js'}`, here).href;
  if (!fromSource) return { filename, execArgv: [] };
  const tsx = createRequire(here).resolve('tsx');
  return { filename, execArgv: ['--conditions=development', '--import', new URL(`file://${tsx}`).href] };
}

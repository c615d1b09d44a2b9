import { createRequire } from 'node:module';

/** How to start a grading worker: `new Worker(script, { eval, execArgv })`. */
export interface WorkerEntry {
  script: string | URL;
  eval: boolean;
  execArgv: string[];
}

/**
 * Where the grading worker's code is and how to start it. Built, it is `dist/pool/grade-worker.js` and
 * needs nothing. From TypeScript sources (the CLI through tsx, or vitest) it is `grade-worker.ts`, and a
 * worker thread inherits neither the parent's loader hooks nor vitest's transform: a one-line bootstrap
 * registers tsx in the worker first, and the `development` condition makes workspace packages resolve to
 * their sources there too.
 */
export function workerEntry(): WorkerEntry {
  const here = import.meta.url;
  if (!/\.ts$/.test(new URL(here).pathname)) return { script: new URL('./grade-worker.js', here), eval: false, execArgv: [] };
  const entry = new URL('./grade-worker.ts', here).href;
  // tsx's package root export is its loader (`dist/loader.mjs`); its ESM register API sits beside it.
  const tsxApi = new URL('./esm/api/index.mjs', new URL(`file://${createRequire(here).resolve('tsx')}`)).href;
  const script = `import(${JSON.stringify(tsxApi)}).then((m) => m.register()).then(() => import(${JSON.stringify(entry)}))`;
  return { script, eval: true, execArgv: ['--conditions=development'] };
}

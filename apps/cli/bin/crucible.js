#!/usr/bin/env node
// Crucible runs from its TypeScript sources: the workspace packages export `src/*.ts` under the `development`
// condition (and built `dist/` otherwise), and tsx compiles the sources on the fly, so a checkout runs with
// no build step.
import { register as registerHooks } from 'node:module';
import { register } from 'tsx/esm/api';

registerHooks(
  `data:text/javascript,${encodeURIComponent(
    'export async function resolve(s, c, next) { return next(s, c.conditions.includes("development") ? c : { ...c, conditions: [...c.conditions, "development"] }); }',
  )}`,
);
register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));

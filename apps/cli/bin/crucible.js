#!/usr/bin/env node
// Crucible ships TypeScript sources; tsx compiles them on the fly so there is no build step between a
// checkout and a run.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));

import type { Command } from 'commander';
import { listEnvironments } from '@crucible/orchestrator';

/** `crucible envs`: the installed environment packages. */
export function registerEnvs(program: Command, setExit: (code: number) => void): void {
  program
    .command('envs')
    .description('list the installed environments')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }) => {
      const envs = await listEnvironments(process.cwd());
      if (flags.json) process.stdout.write(`${JSON.stringify(envs, null, 2)}\n`);
      else {
        const width = Math.max(4, ...envs.map((e) => e.name.length));
        process.stdout.write(`${'name'.padEnd(width)}  version  package\n`);
        for (const e of envs) process.stdout.write(`${e.name.padEnd(width)}  ${e.version.padEnd(7)}  ${e.packageName}  ${e.description}\n`);
      }
      setExit(0);
    });
}

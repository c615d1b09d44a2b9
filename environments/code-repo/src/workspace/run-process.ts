import { spawn } from 'node:child_process';

/** The outcome of {@link runProcess}. */
export interface ProcessResult {
  exitCode: number;
  stdout: Buffer;
  stderr: string;
}

/**
 * Runs a program with stdin input and collects its output; never throws on a non-zero exit.
 * Plain spawn: on small machines execa's per-call overhead is a multiple of git's (or mount's) own run time.
 */
export function runProcess(
  file: string,
  args: string[],
  options: { cwd?: string; input?: string; env: Record<string, string> },
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ exitCode: code ?? 1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** {@link runProcess} that throws with the program's message on a non-zero exit. */
export async function runProcessOk(file: string, args: string[], options: { cwd?: string; env: Record<string, string> }): Promise<string> {
  const result = await runProcess(file, args, options);
  if (result.exitCode !== 0) throw new Error(`${file} ${args[0] ?? ''} failed: ${(result.stderr || result.stdout.toString('utf8')).trim()}`);
  return result.stdout.toString('utf8');
}

/**
 * The package's sources at another git revision (default `main`), unpacked under `node_modules/.cache` so their
 * workspace imports resolve as the current sources' do, for side-by-side figures. Set BENCH_BASELINE=none to skip.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The baseline's `src/index.ts` module, or null when BENCH_BASELINE is `none`. */
export async function baselineModule<T>(packageDir: URL, entry = 'src/index.ts'): Promise<{ ref: string; module: T } | null> {
  const ref = process.env['BENCH_BASELINE'] ?? 'main';
  if (ref === 'none') return null;
  const dir = fileURLToPath(packageDir);
  const root = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8' }).trim();
  const prefix = execFileSync('git', ['rev-parse', '--show-prefix'], { cwd: dir, encoding: 'utf8' }).trim();
  let commit: string;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', `${ref}^{commit}`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    console.log(`(no baseline: git knows no revision ${ref}; set BENCH_BASELINE to one, or to none)`);
    return null;
  }
  const out = `${dir}node_modules/.cache/bench-baseline/${commit}`;
  if (!existsSync(`${out}/${entry}`)) {
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    const tar = execFileSync('git', ['archive', commit, `${prefix}src`], { cwd: root });
    execFileSync('tar', ['-x', '-C', out, `--strip-components=${prefix.split('/').filter(Boolean).length}`], { input: tar });
  }
  return { ref: `${ref} (${commit})`, module: (await import(`${out}/${entry}`)) as T };
}

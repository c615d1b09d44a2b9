import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listEnvironments } from '@crucible/orchestrator';

/** The root of the installed workspace: the nearest folder above the CLI holding `package-lock.json`. */
export function workspaceRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package-lock.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) return dirname(fileURLToPath(import.meta.url));
    dir = up;
  }
}

/**
 * What a coordinator and its workers must agree on to produce the same records: the root package.json version,
 * a hash of package-lock.json (every dependency's exact version) and the installed environments' names and
 * versions, as `<version>-<12 hex>`. Both sides compute it the same way from their own checkout.
 * `CRUCIBLE_WORKSPACE_VERSION` replaces it (for installs without a lock file: set the same value everywhere).
 */
export async function workspaceVersion(root = workspaceRoot()): Promise<string> {
  const override = process.env['CRUCIBLE_WORKSPACE_VERSION'];
  if (override) return override;
  const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version?: string };
  const hash = createHash('sha256');
  hash.update(await readFile(join(root, 'package-lock.json')).catch(() => Buffer.from('no lock file')));
  for (const env of await listEnvironments(root)) hash.update(`\n${env.name}@${env.version}`);
  return `${manifest.version ?? '0.0.0'}-${hash.digest('hex').slice(0, 12)}`;
}

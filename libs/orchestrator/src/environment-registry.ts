import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CrucibleError, isEnvironmentDefinition, type EnvironmentDefinition } from '@crucible/core';

/** An installed environment package, found by its `"crucible": { "environment": true }` package.json field. */
export interface InstalledEnvironment {
  /** The environment's name as its package declares it (`crucible.name`, else the package name without scope and `env-`). */
  name: string;
  packageName: string;
  version: string;
  description: string;
  dir: string;
}

/** Walks up from `start` to the nearest folder with a node_modules directory. */
async function nodeModulesRoots(start: string): Promise<string[]> {
  const roots: string[] = [];
  let dir = resolve(start);
  for (;;) {
    try {
      await readdir(join(dir, 'node_modules'));
      roots.push(join(dir, 'node_modules'));
    } catch {
      // no node_modules here
    }
    const parent = dirname(dir);
    if (parent === dir) return roots;
    dir = parent;
  }
}

/** The module file of a package: its `development` (source) entry when present, else the default entry. */
function entryOf(dir: string, manifest: Record<string, any>): string {
  const root = manifest['exports']?.['.'];
  const entry = typeof root === 'string' ? root : (root?.['development'] ?? root?.['default'] ?? manifest['main'] ?? 'src/index.ts');
  return join(dir, entry);
}

async function readManifest(dir: string): Promise<Record<string, any> | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

function envNameOf(manifest: Record<string, any>): string {
  return manifest['crucible']?.name ?? String(manifest['name']).replace(/^@[^/]+\//, '').replace(/^env-/, '').replace(/^crucible-env-/, '');
}

/** Lists the environment packages installed in the node_modules folders above `from`. */
export async function listEnvironments(from: string): Promise<InstalledEnvironment[]> {
  const found = new Map<string, InstalledEnvironment>();
  for (const root of await nodeModulesRoots(from)) {
    const entries = await readdir(root, { withFileTypes: true });
    const dirs: string[] = [];
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      if (e.name.startsWith('@')) {
        for (const sub of await readdir(join(root, e.name)).catch(() => [])) dirs.push(join(root, e.name, sub));
      } else dirs.push(join(root, e.name));
    }
    for (const dir of dirs) {
      const manifest = await readManifest(dir);
      if (!manifest?.['crucible']?.environment) continue;
      const name = envNameOf(manifest);
      if (found.has(name)) continue;
      found.set(name, { name, packageName: manifest['name'], version: manifest['version'] ?? '0.0.0', description: manifest['description'] ?? '', dir });
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Loads an environment by name (an installed package) or by path (a package folder or module file),
 * and checks that its default export is an environment definition.
 */
export async function loadEnvironment(nameOrPath: string, from: string): Promise<EnvironmentDefinition> {
  let modulePath: string;
  if (nameOrPath.startsWith('.') || nameOrPath.startsWith('/')) {
    const path = resolve(from, nameOrPath);
    const manifest = await readManifest(path);
    modulePath = manifest ? entryOf(path, manifest) : path;
  } else {
    const installed = await listEnvironments(from);
    const env = installed.find((e) => e.name === nameOrPath);
    if (!env) {
      throw new CrucibleError('unknown_environment', `no environment named "${nameOrPath}"`, {
        hint: `installed: ${installed.map((e) => e.name).join(', ') || 'none'}; run \`crucible envs\` to list them`,
      });
    }
    const manifest = (await readManifest(env.dir))!;
    modulePath = entryOf(env.dir, manifest);
  }
  let mod: { default?: unknown };
  try {
    mod = await import(pathToFileURL(modulePath).href);
  } catch (err) {
    throw new CrucibleError('unknown_environment', `cannot load environment "${nameOrPath}" from ${modulePath}: ${(err as Error).message}`, { cause: err });
  }
  if (!isEnvironmentDefinition(mod.default)) {
    throw new CrucibleError('unknown_environment', `${modulePath} has no environment definition as its default export`, {
      hint: 'export default defineEnvironment({...}) from @crucible/core',
    });
  }
  return mod.default;
}

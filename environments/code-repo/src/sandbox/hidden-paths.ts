import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** This package's directory: the suite's sources (with the fixes) live here. */
export const PACKAGE_DIR = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * Directories a sandboxed command must not read: the dataset (hidden tests and reference patches), the source
 * repositories and mirror cache (later history), this package (the suite's fixes) and the run's cwd (earlier runs' records).
 */
export function hiddenPaths(dirs: { datasetDir?: string; reposDir?: string; cacheDir: string; cwd: string }): string[] {
  return [dirs.datasetDir, dirs.reposDir, dirs.cacheDir, PACKAGE_DIR, dirs.cwd].filter((d): d is string => !!d);
}

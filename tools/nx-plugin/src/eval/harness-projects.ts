/** What the plugin needs of one workspace package.json. */
export interface WorkspaceManifest {
  name: string;
  /** The package's directory, relative to the workspace root. */
  root: string;
  /** Names of its dependencies of every kind (workspace or not). */
  deps: string[];
  /** Its `bin` entries, relative to the workspace root. */
  bins: Record<string, string>;
}

/**
 * The workspace packages a run of `entry` loads: `entry` and its workspace dependencies, transitively, from the
 * package.json files (the same edges Nx draws). Sorted, so the target configuration, and with it the hash, is stable.
 */
export function harnessProjects(manifests: WorkspaceManifest[], entry: string): string[] {
  const byName = new Map(manifests.map((m) => [m.name, m]));
  const seen = new Set<string>();
  const visit = (name: string) => {
    const manifest = byName.get(name);
    if (!manifest || seen.has(name)) return;
    seen.add(name);
    manifest.deps.forEach(visit);
  };
  visit(entry);
  return [...seen].sort();
}

/** The package that provides the `crucible` command, with its bin path, or undefined when the workspace has none. */
export function findCli(manifests: WorkspaceManifest[], command = 'crucible'): { name: string; bin: string } | undefined {
  const cli = manifests.find((m) => m.bins[command]);
  return cli ? { name: cli.name, bin: cli.bins[command]! } : undefined;
}

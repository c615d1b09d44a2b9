import { joinPathFragments, offsetFromRoot, type Tree } from '@nx/devkit';
import { environmentFiles } from './files';

/** Options of `nx g @crucible/nx-plugin:environment`. */
export interface EnvironmentGeneratorSchema {
  name: string;
  directory?: string;
}

/**
 * Creates `environments/<name>/`: a working single-turn environment (tasks, a submit tool, scoring, a sim hint)
 * with its test, ready for `crucible run --env <name> --model sim` once `npm install` links it.
 */
export default async function environmentGenerator(tree: Tree, schema: EnvironmentGeneratorSchema): Promise<void> {
  if (!/^[a-z][a-z0-9-]*$/.test(schema.name)) throw new Error(`environment name "${schema.name}" must be kebab-case (a-z, 0-9, -)`);
  const root = joinPathFragments(schema.directory ?? 'environments', schema.name);
  if (tree.exists(joinPathFragments(root, 'package.json'))) throw new Error(`${root} already exists`);
  const relRoot = offsetFromRoot(root).replace(/\/$/, '');
  for (const [path, content] of Object.entries(environmentFiles(schema.name, relRoot))) tree.write(joinPathFragments(root, path), content);
}

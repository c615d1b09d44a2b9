import { z } from 'zod';

/** One tool an environment offers: what the model reads, and the zod schema its arguments must pass. */
export interface ToolSpec<I extends z.ZodType = z.ZodType> {
  description: string;
  input: I;
}

/** The tools of an environment, by name. */
export type ToolSet = Record<string, ToolSpec>;

/** An action: `{ tool, input }`, a discriminated union inferred from the environment's tools. */
export type Action<T extends ToolSet = ToolSet> = {
  [K in keyof T & string]: { tool: K; input: z.output<T[K]['input']> };
}[keyof T & string];

/** An OpenAI function tool, as sent in `tools` of a chat completion request. */
export interface FunctionToolDefinition {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

/** Converts a tool set to OpenAI function tools with zod's own JSON Schema output. */
export function toFunctionTools(tools: ToolSet): FunctionToolDefinition[] {
  return Object.entries(tools).map(([name, spec]) => {
    const schema = z.toJSONSchema(spec.input, { target: 'draft-7', io: 'input' }) as Record<string, unknown>;
    delete schema['$schema'];
    return { type: 'function', function: { name, description: spec.description, parameters: schema } };
  });
}

/** The outcome of checking a model's tool call against the tool set. */
export type ParsedAction<T extends ToolSet = ToolSet> =
  | { ok: true; action: Action<T> }
  | { ok: false; error: string };

/**
 * Validates a tool call (name + raw JSON argument text) against the tools.
 * Failures come back as a message meant for the model, so it can correct itself; they never throw.
 */
export function parseAction<T extends ToolSet>(tools: T, name: string, rawArguments: string): ParsedAction<T> {
  const spec = tools[name];
  if (!spec) {
    return { ok: false, error: `Unknown tool "${name}". Available tools: ${Object.keys(tools).join(', ')}.` };
  }
  let args: unknown;
  try {
    args = rawArguments.trim() === '' ? {} : JSON.parse(rawArguments);
  } catch (err) {
    return { ok: false, error: `Arguments for "${name}" are not valid JSON (${(err as Error).message}). Send a JSON object.` };
  }
  const parsed = spec.input.safeParse(args);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('; ');
    return { ok: false, error: `Invalid arguments for "${name}": ${issues}.` };
  }
  return { ok: true, action: { tool: name, input: parsed.data } as Action<T> };
}

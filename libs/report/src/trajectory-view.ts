import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { TRAJECTORY_FORMAT_VERSION, TrajectorySchema, messagesOf, type ChatMessage } from '@crucible/core';

const gunzipAsync = promisify(gunzip);
const gzipAsync = promisify(gzip);

/**
 * What the trajectory viewer of `report.html` decodes for one episode: each sample's chat history, rebuilt
 * from the trajectory file, or why the file could not be read.
 */
export type TrajectoryView = { samples: Array<{ index: number; messages: ChatMessage[] }> } | { error: string };

/**
 * Reads a stored trajectory file (gzip'd JSON) through `TrajectorySchema` into the viewer's form; `name`
 * (the file's path in the run directory) is named in the error a bad file shows in the viewer.
 */
export async function trajectoryView(gz: Buffer, name: string): Promise<TrajectoryView> {
  let data: unknown;
  try {
    data = JSON.parse((await gunzipAsync(gz)).toString('utf8'));
  } catch (err) {
    return { error: `${name}: not gzip'd JSON (${(err as Error).message})` };
  }
  const format = (data as { format?: unknown } | null)?.format;
  if (format !== TRAJECTORY_FORMAT_VERSION) {
    return { error: `${name}: trajectory format ${String(format ?? 1)}, written by ${typeof format === 'number' && format > TRAJECTORY_FORMAT_VERSION ? 'a newer' : 'an older'} Crucible; re-run the episode to view it` };
  }
  const parsed = TrajectorySchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { error: `${name}: field ${issue.path.join('.') || '(root)'}: ${issue.message}` };
  }
  return { samples: parsed.data.samples.map((s) => ({ index: s.index, messages: messagesOf(s) })) };
}

/** {@link trajectoryView} gzip'd and base64'd, as the report embeds it for the browser to decode. */
export async function trajectoryViewBase64(gz: Buffer, name: string): Promise<string> {
  return (await gzipAsync(Buffer.from(JSON.stringify(await trajectoryView(gz, name))))).toString('base64');
}

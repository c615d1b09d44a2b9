import { CrucibleError } from '@crucible/core';

/**
 * The JSON payloads of a Server-Sent Events body, a batch per network read. The SDK's own stream yields one
 * event at a time through three layers of async generators; a reasoning model's stream has tens of
 * thousands of events, and batching per read keeps streaming within a few percent of a whole response.
 * Stops at `data: [DONE]`; an `{"error": ...}` payload (servers report mid-stream failures so) throws.
 */
export async function* sseBatches(response: Response, where: string): AsyncGenerator<unknown[]> {
  if (!response.body) return;
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const bytes of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(bytes, { stream: true });
    const batch: unknown[] = [];
    let end: number;
    while ((end = eventEnd(buffer)) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^(\r?\n){1,2}/, '');
      const data = dataOf(block);
      if (data === undefined) continue;
      if (data === '[DONE]') {
        if (batch.length > 0) yield batch;
        return;
      }
      const json = JSON.parse(data) as { error?: { message?: unknown } };
      if (json && typeof json === 'object' && json.error && !('type' in json)) {
        throw new CrucibleError('endpoint_error', `${where} reported an error mid-stream: ${String(json.error.message ?? 'unknown')}`, { retryable: true });
      }
      batch.push(json);
    }
    if (batch.length > 0) yield batch;
  }
}

function eventEnd(buffer: string): number {
  const lf = buffer.indexOf('\n\n');
  const crlf = buffer.indexOf('\r\n\r\n');
  if (lf < 0) return crlf;
  return crlf < 0 ? lf : Math.min(lf, crlf);
}

function dataOf(block: string): string | undefined {
  let data: string | undefined;
  for (const line of block.split(/\r?\n/)) {
    if (!line.startsWith('data:')) continue;
    const value = line.slice(line[5] === ' ' ? 6 : 5);
    data = data === undefined ? value : `${data}\n${value}`;
  }
  return data;
}

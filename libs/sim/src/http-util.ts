import type { IncomingMessage, ServerResponse } from 'node:http';

const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** The request body as text; rejects bodies over 64 MB. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Sends a JSON body. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Sends an OpenAI-style error body. */
export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  extra: { type?: string; param?: string | null; code?: string | null; headers?: Record<string, string> } = {},
): void {
  const error = { message, type: extra.type ?? 'invalid_request_error', param: extra.param ?? null, code: extra.code ?? null };
  sendJson(res, status, { error }, extra.headers);
}

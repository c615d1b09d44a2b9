const REDACTED = '[redacted]';
// Key-shaped tokens of common providers, in case a server echoes a key we were not given.
const KEY_SHAPES = /\b(?:sk|rk|pk)-[A-Za-z0-9_-]{8,}/g;

/** Removes `secret` (and anything key-shaped) from text bound for errors or logs. */
export function scrubSecret(text: string, secret: string | undefined): string {
  let out = text;
  if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED);
  return out.replace(KEY_SHAPES, REDACTED);
}

/** A plain copy of an error whose message and stack carry no secret, safe to keep as a `cause`. */
export function scrubbedError(err: unknown, secret: string | undefined): Error {
  const source = err instanceof Error ? err : new Error(String(err));
  const copy = new Error(scrubSecret(source.message, secret));
  copy.name = source.name;
  copy.stack = scrubSecret(source.stack ?? `${source.name}: ${source.message}`, secret);
  return copy;
}

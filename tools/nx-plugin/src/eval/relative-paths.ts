import { realpathSync } from 'node:fs';
import { sep } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { Transform } from 'node:stream';

/**
 * A stream that rewrites absolute paths under `root` to paths relative to it, line by line.
 *
 * Nx replays a cached task's terminal output verbatim; the CLI prints absolute paths (its run directory, the
 * cassette), and a replay must name the current checkout's files, not those of the checkout that ran it.
 */
export function relativePaths(root: string): Transform {
  const roots = [...new Set([root, safeRealpath(root)])].map((r) => r.replace(/[/\\]+$/, ''))
    // Longest first, so a root that contains the other is matched whole.
    .sort((a, b) => b.length - a.length);
  const escaped = roots.map((r) => r.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // The root followed by a separator becomes nothing; the root on its own becomes ".".
  const pattern = new RegExp(`(?:${escaped.join('|')})(?:\\${sep}|(?![^\\s'"\`:,;)\\]]))`, 'g');
  const rewrite = (text: string) => text.replace(pattern, (m) => (m.endsWith(sep) ? '' : '.'));
  const decoder = new StringDecoder('utf8');
  let pending = '';
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const text = pending + decoder.write(chunk);
      const cut = text.lastIndexOf('\n') + 1;
      pending = text.slice(cut);
      done(null, rewrite(text.slice(0, cut)));
    },
    flush(done) {
      done(null, rewrite(pending + decoder.end()));
    },
  });
}

function safeRealpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

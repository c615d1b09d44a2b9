import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, relative, sep } from 'node:path';
import type { Command } from 'commander';
import { CrucibleError } from '@crucible/core';
import { RUN_FILES } from '@crucible/orchestrator';
import { EXIT } from '../exit-codes.js';
import { intArg } from '../options/parsers.js';
import { existingRunDir } from './run-dir-arg.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonl': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.gz': 'application/gzip',
};

/** Serves the files of one directory, read-only; `/` is the report. Paths outside the directory are refused. */
function runDirServer(root: string): Server {
  return createServer((req, res) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return void res.writeHead(400).end('bad path\n');
    }
    const file = join(root, path === '/' ? RUN_FILES.report : path);
    const rel = relative(root, file);
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    if (rel.startsWith('..') || rel.split(sep).includes('..')) return void res.writeHead(403).end('outside the run directory\n');
    stat(file).then(
      (s) => {
        if (!s.isFile()) return void res.writeHead(404).end('not found\n');
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': s.size, 'cache-control': 'no-store' });
        if (req.method === 'HEAD') return void res.end();
        createReadStream(file).pipe(res);
      },
      () => res.writeHead(404, { 'content-type': 'text/plain' }).end(path === '/' ? 'no report.html in this run directory: run `crucible report RUN_DIR` first\n' : 'not found\n'),
    );
  });
}

/** `crucible view RUN_DIR`: serve the run's report.html and files on 127.0.0.1 until Ctrl-C. */
export function registerView(program: Command, setExit: (code: number) => void): void {
  program
    .command('view')
    .description('serve a run directory (report.html and its files) on 127.0.0.1 and print the URL; Ctrl-C stops')
    .argument('<run-dir>', 'the run directory (runs/<run-id>/)')
    .option('--port <port>', 'port (default: a free one)', intArg(0, 65535), 0)
    .action(async (dir: string, flags: { port: number }) => {
      const root = await existingRunDir(dir);
      const server = runDirServer(root);
      await new Promise<void>((resolve, reject) => {
        server.once('error', (err: NodeJS.ErrnoException) =>
          reject(err.code === 'EADDRINUSE' ? new CrucibleError('invalid_flag', `port ${flags.port} is in use`, { hint: 'pass another --port, or --port 0 for a free one' }) : err),
        );
        // Loopback only: a report holds prompts and answers, which are not for the network.
        server.listen(flags.port, '127.0.0.1', resolve);
      });
      const { port } = server.address() as { port: number };
      const hasReport = await stat(join(root, RUN_FILES.report)).then(() => true, () => false);
      process.stdout.write(`serving ${root} at http://127.0.0.1:${port}/ (Ctrl-C stops)\n`);
      if (!hasReport) process.stdout.write(`note: no report.html yet; run \`crucible report ${dir}\` to write it\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      setExit(EXIT.ok);
    });
}

import { readFile, writeFile } from 'node:fs';
import { promisify } from 'node:util';

// `fs/promises` goes through a FileHandle per file (open, chunked write, close as separate threadpool jobs plus
// the handle's own bookkeeping): measured at ~4x the CPU of the callback API for a one-KB file, which for one
// trajectory file per episode was the largest single cost of the run loop. These are the callback forms.

/** Writes a small file whole (callback-based `fs.writeFile`, promisified). */
export const writeSmallFile = promisify(writeFile);

/** Reads a small file whole (callback-based `fs.readFile`, promisified). */
export const readSmallFile = promisify(readFile);

import type { ToolSpec } from '@crucible/core';
import { z } from 'zod';

/** The tools an agent gets in a repository; every path is relative to the repository root. */
export const CODE_REPO_TOOLS = {
  list_dir: {
    description: 'List the entries of a directory of the repository (directories end with /).',
    input: z.object({ path: z.string().default('.').describe('Directory relative to the repository root') }),
  },
  read_file: {
    description: 'Read a text file with line numbers (long files come in parts; use startLine/endLine to page).',
    input: z.object({
      path: z.string().describe('File relative to the repository root'),
      startLine: z.number().int().min(1).optional().describe('First line to show (1-based)'),
      endLine: z.number().int().min(1).optional().describe('Last line to show (inclusive)'),
    }),
  },
  search: {
    description: 'Search file contents with a regular expression (JavaScript syntax); prints path:line: text.',
    input: z.object({
      pattern: z.string().min(1).describe('Regular expression'),
      path: z.string().optional().describe('File or directory to search in (default: the whole repository)'),
    }),
  },
  write_file: {
    description: 'Create or overwrite a file with the given content (parent directories are created).',
    input: z.object({ path: z.string().min(1), content: z.string() }),
  },
  edit: {
    description: 'Replace one exact snippet of a file: `old` must occur exactly once (copy it with its whitespace).',
    input: z.object({ path: z.string().min(1), old: z.string(), new: z.string() }),
  },
  run: {
    description: 'Run a shell command in the repository root (sandboxed: no network, only the repository is writable).',
    input: z.object({
      command: z.string().min(1),
      timeoutSec: z.number().positive().optional().describe('Wall-clock limit in seconds'),
    }),
  },
  submit: {
    description: 'Submit your change when you are done; the hidden tests are then run on it.',
    input: z.object({ summary: z.string().optional().describe('What you changed and why') }),
  },
} satisfies Record<string, ToolSpec>;

/** See {@link CODE_REPO_TOOLS}. */
export type CodeRepoTools = typeof CODE_REPO_TOOLS;

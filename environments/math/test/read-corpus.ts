import { readFileSync } from 'node:fs';

/** One labelled case of a public corpus; `source` names the reference grader whose convention it follows. */
export interface CorpusCase {
  gold: string;
  pred: string;
  equal: boolean;
  class: string;
  source: string;
  note?: string;
}

/** The cases of `test/corpus/<file>`, each with its line number. */
export function readCorpus(file: string): Array<CorpusCase & { line: number }> {
  return readFileSync(new URL(`./corpus/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .map((text, i) => ({ text, line: i + 1 }))
    .filter(({ text }) => text.trim() !== '')
    .map(({ text, line }) => ({ ...(JSON.parse(text) as CorpusCase), line }));
}

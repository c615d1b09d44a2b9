import type { Found } from './boxed.js';

// A letter in parentheses standing alone (`(C)`, `(C).`), or named as an option or choice (`option C`, `choice (b)`).
const CHOICE = /(?:^|[\s[:])\(([A-Ea-e])\)(?=$|[\s.,;:!?)\]])|\b(?:option|choice)\s*\(?([A-Ea-e])\b\)?/g;

/**
 * The multiple-choice letters a prose output names, in order (`The correct option is (C).` -> `(C)`). Used only when
 * the reference is a choice letter, where a letter in prose is an answer and not, say, a part label of a proof.
 */
export function choiceLetters(text: string): Found[] {
  const found: Found[] = [];
  CHOICE.lastIndex = 0;
  for (let m = CHOICE.exec(text); m; m = CHOICE.exec(text)) {
    const letter = (m[1] ?? m[2] ?? '').toUpperCase();
    found.push({ answer: `(${letter})`, index: m.index });
  }
  return found;
}

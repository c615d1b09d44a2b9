import { goldChoice, predChoice } from './equivalence/choice.js';
import { cleanAnswer } from './equivalence/clean.js';
import { numbersEqual } from './equivalence/compare-numbers.js';
import type { EquivalenceRule } from './equivalence/is-equivalent.js';
import { parseMatrix } from './equivalence/matrix.js';
import { LONE_DECIMAL_COMMA, parseNumber } from './equivalence/parse-number.js';
import { parseRelation } from './equivalence/relation.js';
import { parseStructure } from './equivalence/structure.js';
import { readCase } from './grade-reference.js';
import type { GradeVerdict } from './grade-verdict.js';

// Answers longer than this go to a worker: every regular expression below then runs over a few dozen characters.
const MAX_FAST_CHARS = 100;
// `is-equivalent.ts`'s word answers ("odd", "Devon").
const WORDS = /^[a-zA-Z][a-zA-Z '-]*$/;
// `normalize-answer.ts`'s lower-cased word keys.
const WORD_KEY = /^[a-zA-Z][a-zA-Z ]+$/;

/**
 * Grades on the calling thread, without a worker round-trip, the cases the full grader decides before it needs an
 * algebra library: plain numbers and fractions (compared as exact rationals), choice letters, identical answers and
 * words, and outputs with no answer at all. Null for everything else, which then goes to a grading worker.
 *
 * It follows `gradeCaseInline` step for step (`isEquivalent`'s order of checks, `normalizeCleaned`'s voting keys) and
 * gives way whenever a step would reach compute-engine or nerdamer, so a verdict it gives is the one the full
 * grader gives (a test holds the two to it on every corpus case). Those libraries are never loaded here: this
 * runs in the process that schedules episodes.
 */
export function gradeFastPath(fullGold: string, pred: string): GradeVerdict | null {
  if (fullGold.length > MAX_FAST_CHARS && !/####|\\boxed|\\fbox/.test(fullGold)) return null;
  const { gold, cleanGold, found } = readCase(fullGold, pred);
  if (gold.length > MAX_FAST_CHARS) return null;
  // An equation as reference is compared whole, and an assignment (`y = 2x + 3`) may be: both need the full grader.
  // Only a reference with `=` or `\in` can hold an assignment (cleaning writes neither).
  if (parseRelation(cleanGold) || (/=|\\in/.test(gold) && cleanAnswer(gold, { keepAssignment: true }) !== cleanGold)) return null;
  const goldKey = votingKey(cleanGold);
  if (goldKey === null) return null;
  if (!found) return { equal: false, rule: 'no-answer', extracted: null, extractedBy: null, confidence: null, ambiguous: false, gold: goldKey, pred: null };
  if (found.answer.length > MAX_FAST_CHARS) return null;
  const p = cleanAnswer(found.answer);
  const decision = decide(cleanGold, p);
  const predKey = decision && votingKey(p);
  if (!decision || predKey === null) return null;
  return {
    ...decision,
    extracted: found.answer,
    extractedBy: found.rule,
    confidence: found.confidence,
    ambiguous: found.ambiguous,
    gold: goldKey,
    pred: predKey,
  };
}

// `isEquivalent`'s `compareCleaned` up to the point where it would parse LaTeX; null from there on.
function decide(g: string, p: string): { equal: boolean; rule: EquivalenceRule } | null {
  if (g === '' || p === '' || p.length > MAX_FAST_CHARS) return null;
  // "or" makes a disjunction or a list: solution sets.
  if (g.includes('\\lor') || p.includes('\\lor')) return null;
  if (g === p) return { equal: true, rule: 'exact' };
  const letter = goldChoice(g);
  const picked = letter && predChoice(p);
  if (picked) return { equal: picked === letter, rule: 'choice' };
  if (parseMatrix(g) || parseMatrix(p) || parseRelation(g) || parseRelation(p)) return null;
  if (!isScalar(g, p) || !isScalar(p, g)) return null;
  const ng = parseNumber(g);
  const np = parseNumber(p);
  if (ng && np) return { equal: numbersEqual(ng, np), rule: ng.form === 'fraction' || np.form === 'fraction' ? 'fraction' : 'numeric' };
  if (WORDS.test(g) && WORDS.test(p) && (g.length > 1 || p.length > 1)) {
    return { equal: g.toLowerCase().replace(/\s+/g, ' ') === p.toLowerCase().replace(/\s+/g, ' '), rule: 'text' };
  }
  return null;
}

// `isEquivalent`'s `shapeOf`: a decimal comma is read as one only when the other side is not a list.
function isScalar(s: string, other: string): boolean {
  if (LONE_DECIMAL_COMMA.test(s) && parseStructure(other).kind === 'scalar') return true;
  return parseStructure(s).kind === 'scalar';
}

// `normalizeCleaned` for a choice letter, a number or words; null where it would ask compute-engine.
function votingKey(s: string): string | null {
  const letter = goldChoice(s);
  if (letter) return letter;
  if (parseMatrix(s) || parseRelation(s)) return null;
  if (!LONE_DECIMAL_COMMA.test(s) && parseStructure(s).kind !== 'scalar') return null;
  if (s === '') return s;
  const number = parseNumber(s);
  // `canonicalNumber` (normalize-answer.ts imports compute-engine, which this module must not load).
  if (number) return number.value.toDecimal(12) ?? number.value.toString();
  return WORD_KEY.test(s) ? s.toLowerCase() : null;
}

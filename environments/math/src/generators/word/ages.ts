import { Rational } from '../../rational.js';
import { twoNames, type WordTemplate } from './word-template.js';

/** Ages now, in the past and in the future, and multiples of another person's age. */
export const ages: WordTemplate = (rng, difficulty) => {
  const [older, younger] = twoNames(rng);
  const r = (n: number) => Rational.of(n);
  if (difficulty === 1) {
    const a = rng.int(3, 15);
    const gap = rng.int(2, 9);
    return {
      prompt: `${younger} is ${a} years old. ${older} is ${gap} years older than ${younger}. How old is ${older}?`,
      answer: r(a + gap),
      mistakes: [r(a - gap), r(a + gap + 1), r(a * gap)],
    };
  }
  if (difficulty === 2) {
    const now = rng.int(10, 40);
    const later = rng.int(2, 9);
    const before = rng.int(2, 9);
    return {
      prompt: `In ${later} years ${older} will be ${now + later} years old. How old was ${older} ${before} years ago?`,
      answer: r(now - before),
      mistakes: [r(now), r(now + later - before), r(now + before)],
    };
  }
  const k = rng.int(2, 3 + difficulty);
  const s = rng.int(3, 6 + difficulty * 2);
  if (difficulty === 3) {
    return {
      prompt: `${older} is ${k} times as old as ${younger}. Together they are ${k * s + s} years old. How old is ${older}?`,
      answer: r(k * s),
      mistakes: [r(s), r(k * s + s), r(k * s + s).div(r(2))],
    };
  }
  const n = rng.int(2, 10);
  if (difficulty === 4) {
    const sum = k * s + s + 2 * n;
    return {
      prompt: `${older} is ${k} times as old as ${younger}. In ${n} years the sum of their ages will be ${sum}. How old is ${older} now?`,
      answer: r(k * s),
      mistakes: [r(s), r(k * s + n), r(k * sum).div(r(k + 1))],
    };
  }
  // Tom = k s now; in m years Tom = j (Sam + m)  =>  m = s (k - j) / (j - 1).
  const j = rng.int(2, Math.min(3, k - 1));
  if (j >= k || (s * (k - j)) % (j - 1) !== 0) return null;
  const m = (s * (k - j)) / (j - 1);
  if (m < 1 || m > 40) return null;
  return {
    prompt: `${older} is ${k} times as old as ${younger}. In ${m} years ${older} will be ${j} times as old as ${younger}. How old is ${older} now?`,
    answer: r(k * s),
    mistakes: [r(s), r(k * s + m), r(j * s)],
  };
};

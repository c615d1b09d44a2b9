import { Rational } from '../../rational.js';
import { twoNames, type WordTemplate } from './word-template.js';

/** Distance, speed and time, and two workers (or pipes) sharing a job. */
export const rates: WordTemplate = (rng, difficulty) => {
  const [name] = twoNames(rng);
  const r = (n: number) => Rational.of(n);
  const v1 = rng.int(4, 12) * 5;
  const t1 = rng.int(2, 3 + difficulty);
  if (difficulty === 1) {
    return {
      prompt: `A train travels at ${v1} km per hour for ${t1} hours. How many kilometres does it travel?`,
      answer: r(v1 * t1),
      mistakes: [r(v1 + t1), r(v1 * (t1 + 1)), r(v1 * t1 * 2)],
    };
  }
  const v2 = rng.int(4, 12) * 5;
  const t2 = rng.int(1, 2 + difficulty);
  if (v1 === v2) return null;
  if (difficulty === 2) {
    return {
      prompt: `${name} drives at ${v1} km/h for ${t1} hours, then at ${v2} km/h for ${t2} hours. How many kilometres does ${name} drive in total?`,
      answer: r(v1 * t1 + v2 * t2),
      mistakes: [r((v1 + v2) * (t1 + t2)), r(v1 * t1), r(v1 * t2 + v2 * t1)],
    };
  }
  if (difficulty === 3) {
    const [c1, c2] = [v1 / 5, v2 / 5];
    const avg = r(c1 * t1 + c2 * t2).div(r(t1 + t2));
    if (!avg.isInteger()) return null;
    return {
      prompt: `${name} cycles for ${t1} hours at ${c1} km/h and then for ${t2} hours at ${c2} km/h. What is the average speed for the whole ride, in km/h?`,
      answer: avg,
      mistakes: [r(c1 + c2).div(r(2)), r(c1 * t1 + c2 * t2), avg.add(r(1))],
    };
  }
  if (difficulty === 4) {
    // Together they take t hours; one alone takes t(1+k), the other t(1+k)/k.
    const k = rng.int(1, 4);
    const t = k * rng.int(1, 4);
    const a = t * (1 + k);
    const b = (t * (1 + k)) / k;
    if (a === b) return null;
    return {
      prompt: `One pipe fills a tank in ${a} hours and a second pipe fills it in ${b} hours. How many hours do they take to fill the tank together?`,
      answer: r(t),
      mistakes: [r(a + b), r(a + b).div(r(2)), r(Math.abs(a - b))],
    };
  }
  const d1 = v1 * t1;
  const d2 = v2 * t2;
  const avg = r(d1 + d2).div(r(t1 + t2));
  if (avg.toDecimal(1) === null) return null;
  return {
    prompt: `${name} runs a delivery route: ${d1} km at ${v1} km/h, then ${d2} km at ${v2} km/h. What is the average speed over the whole route, in km/h?`,
    answer: avg,
    mistakes: [r(v1 + v2).div(r(2)), r(d1 + d2), r(t1 + t2)],
  };
};

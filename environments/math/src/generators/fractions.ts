import type { Rng } from '@crucible/core';
import { Rational } from '../rational.js';
import { pickWrongAnswers } from '../wrong-answers.js';
import { retry, type Generator } from './generator.js';

interface Drawn {
  text: string;
  value: Rational;
  /** Values of typical mistakes for this problem. */
  mistakes: Rational[];
}

/** Fraction arithmetic with the answer reduced to lowest terms. */
export const fractions: Generator = {
  family: 'fractions',
  style: 'boxed',
  generate(rng, difficulty) {
    const drawn = retry(() => draw(rng, difficulty));
    const { value } = drawn;
    const off = new Rational(value.num + 1n, value.den);
    const flipped = value.isZero() ? null : Rational.of(1).div(value);
    const candidates = [...drawn.mistakes, value.neg(), off, ...(flipped ? [flipped] : [])];
    return {
      prompt: `Compute ${drawn.text}. Give the answer as a fraction in lowest terms (or an integer).`,
      reference: value.toString(),
      wrongAnswers: pickWrongAnswers(value, candidates, (r) => r.toString()),
    };
  },
};

function draw(rng: Rng, difficulty: number): Drawn | null {
  switch (difficulty) {
    case 1: {
      const n = rng.int(3, 12);
      const [a, b] = [rng.int(1, n - 1), rng.int(1, n - 1)];
      const add = rng.chance(0.5) || a <= b;
      const x = Rational.of(a, n);
      const y = Rational.of(b, n);
      const value = add ? x.add(y) : x.sub(y);
      const naive = Rational.of(add ? a + b : a - b, 2 * n);
      return { text: `${a}/${n} ${add ? '+' : '-'} ${b}/${n}`, value, mistakes: [naive] };
    }
    case 2: {
      const [x, y] = [proper(rng, 12), proper(rng, 12)];
      if (x.frac.den === y.frac.den) return null;
      const add = rng.chance(0.5);
      const value = add ? x.frac.add(y.frac) : x.frac.sub(y.frac);
      const naive = add ? Rational.of(x.a + y.a, x.b + y.b) : Rational.of(x.a - y.a, x.b + y.b);
      return { text: `${x.text} ${add ? '+' : '-'} ${y.text}`, value, mistakes: [naive] };
    }
    case 3: {
      const [x, y] = [proper(rng, 15), proper(rng, 15)];
      const divide = rng.chance(0.5);
      const value = divide ? x.frac.div(y.frac) : x.frac.mul(y.frac);
      // Dividing without flipping, or flipping the wrong fraction when multiplying.
      const wrongOp = divide ? x.frac.mul(y.frac) : x.frac.div(y.frac);
      return { text: `${x.text} ${divide ? '÷' : '×'} ${y.text}`, value, mistakes: [wrongOp] };
    }
    case 4: {
      const [x, y, z] = [proper(rng, 10), proper(rng, 10), proper(rng, 10)];
      if (rng.chance(0.5)) {
        const value = x.frac.add(y.frac.mul(z.frac));
        return { text: `${x.text} + ${y.text} × ${z.text}`, value, mistakes: [x.frac.add(y.frac).mul(z.frac), x.frac.add(y.frac)] };
      }
      const value = x.frac.sub(y.frac).div(z.frac);
      return { text: `(${x.text} - ${y.text}) ÷ ${z.text}`, value, mistakes: [x.frac.sub(y.frac).mul(z.frac), x.frac.sub(y.frac)] };
    }
    default: {
      const [x, y] = [mixed(rng), mixed(rng)];
      const z = proper(rng, 9);
      const value = x.frac.sub(y.frac).div(z.frac);
      return {
        text: `(${x.text} - ${y.text}) ÷ ${z.text}`,
        value,
        mistakes: [x.frac.sub(y.frac).mul(z.frac), x.frac.sub(y.frac), x.frac.add(y.frac).div(z.frac)],
      };
    }
  }
}

function proper(rng: Rng, maxDen: number): { a: number; b: number; frac: Rational; text: string } {
  const b = rng.int(2, maxDen);
  const a = rng.int(1, b - 1);
  return { a, b, frac: Rational.of(a, b), text: `${a}/${b}` };
}

function mixed(rng: Rng): { frac: Rational; text: string } {
  const whole = rng.int(1, 5);
  const p = proper(rng, 8);
  return { frac: Rational.of(whole).add(p.frac), text: `${whole} ${p.text}` };
}

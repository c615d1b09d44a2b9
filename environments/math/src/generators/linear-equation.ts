import type { Rng } from '@crucible/core';
import { Rational } from '../rational.js';
import { pickWrongAnswers } from '../wrong-answers.js';
import { retry, type Generator } from './generator.js';

/** An equation in x and its solution x = n / d, plus the numerator a sign slip gives. */
interface Equation {
  text: string;
  n: Rational;
  d: Rational;
  /** The numerator when a constant is moved across `=` without flipping its sign. */
  slipped: Rational;
}

/** Linear equations in one variable; integer solutions up to difficulty 3, fractions from 4. */
export const linearEquation: Generator = {
  family: 'linear-equation',
  style: 'boxed',
  generate(rng, difficulty) {
    const eq = retry(() => draw(rng, difficulty));
    const x = eq.n.div(eq.d);
    const one = Rational.of(1);
    const candidates = [x.neg(), eq.slipped.div(eq.d), eq.n, eq.n.isZero() ? null : eq.d.div(eq.n), x.add(one), x.sub(one)];
    const note = difficulty >= 4 ? ' If the solution is not an integer, give it as a fraction in lowest terms.' : '';
    return {
      prompt: `Solve for x: ${eq.text}.${note}`,
      reference: x.toString(),
      wrongAnswers: pickWrongAnswers(x, candidates.filter((c): c is Rational => c !== null), (r) => r.toString()),
    };
  },
};

function draw(rng: Rng, difficulty: number): Equation | null {
  const r = (n: number) => Rational.of(n);
  switch (difficulty) {
    case 1: {
      const x = rng.int(1, 20);
      const a = rng.int(1, 20);
      return rng.chance(0.5)
        ? { text: `x + ${a} = ${x + a}`, n: r(x), d: r(1), slipped: r(x + 2 * a) }
        : { text: `x - ${a} = ${x - a}`, n: r(x), d: r(1), slipped: r(x - 2 * a) };
    }
    case 2: {
      const x = rng.int(-10, 10);
      const a = rng.int(2, 9);
      const b = nonZero(rng, 20);
      const c = a * x + b;
      return { text: `${term(a, 'x')} ${constant(b)} = ${c}`, n: r(c - b), d: r(a), slipped: r(c + b) };
    }
    case 3: {
      const x = rng.int(-12, 12);
      const a = rng.int(2, 12);
      const c = rng.int(-9, 9);
      if (c === a || c === 0) return null;
      const b = nonZero(rng, 30);
      const d = (a - c) * x + b;
      return { text: `${term(a, 'x')} ${constant(b)} = ${term(c, 'x')} ${constant(d)}`, n: r(d - b), d: r(a - c), slipped: r(d + b) };
    }
    case 4: {
      const a = rng.int(2, 9);
      const b = nonZero(rng, 12);
      const c = rng.int(-9, 9);
      const d = nonZero(rng, 40);
      if (c === a || c === 0) return null;
      const n = d - a * b;
      return { text: `${a}(x ${constant(b)}) = ${term(c, 'x')} ${constant(d)}`, n: r(n), d: r(a - c), slipped: r(d + a * b) };
    }
    default: {
      // (x + a)/b = (x - c)/e + f  =>  x (1/b - 1/e) = f - c/e - a/b
      const a = rng.int(1, 15);
      const b = rng.int(2, 9);
      const c = rng.int(1, 15);
      const e = rng.int(2, 9);
      const f = rng.int(1, 6);
      if (b === e) return null;
      const q = (n: number, m: number) => Rational.of(n, m);
      const n = r(f).sub(q(c, e)).sub(q(a, b));
      const d = q(1, b).sub(q(1, e));
      const slipped = r(f).sub(q(c, e)).add(q(a, b));
      return { text: `(x + ${a})/${b} = (x - ${c})/${e} + ${f}`, n, d, slipped };
    }
  }
}

function nonZero(rng: Rng, max: number): number {
  const v = rng.int(1, max);
  return rng.chance(0.5) ? v : -v;
}

function term(coefficient: number, name: string): string {
  if (coefficient === 1) return name;
  if (coefficient === -1) return `-${name}`;
  return `${coefficient}${name}`;
}

function constant(value: number): string {
  return value < 0 ? `- ${-value}` : `+ ${value}`;
}

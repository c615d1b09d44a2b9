import type { Rng } from '@crucible/core';
import { Rational } from '../../rational.js';
import { money, twoNames, type WordTemplate } from './word-template.js';

const ITEMS = [
  ['notebook', 'notebooks'],
  ['pen', 'pens'],
  ['apple', 'apples'],
  ['sandwich', 'sandwiches'],
  ['ticket', 'tickets'],
  ['candle', 'candles'],
] as const;

type Item = (typeof ITEMS)[number];

/** Buying items, paying with a bill, discounts and splitting the bill. */
export const shopping: WordTemplate = (rng, difficulty) => {
  const [name, friend] = twoNames(rng);
  const [first, second, third] = rng.shuffle(ITEMS) as [Item, Item, Item];
  const line = (item: Item, count: number, price: Rational) => `${count} ${item[count === 1 ? 0 : 1]} at ${money(price)} each`;
  const n1 = rng.int(2, 4 + difficulty * 2);
  const p1 = price(rng, difficulty);
  const cost1 = p1.mul(Rational.of(n1));
  if (difficulty === 1) {
    return {
      prompt: `${name} buys ${line(first, n1, p1)}. How many dollars does ${name} spend?`,
      answer: cost1,
      mistakes: [Rational.of(n1).add(p1), cost1.add(p1), cost1.sub(p1)],
    };
  }
  const n2 = rng.int(2, 3 + difficulty);
  const p2 = price(rng, difficulty);
  const cost2 = p2.mul(Rational.of(n2));
  const total = cost1.add(cost2);
  if (difficulty <= 3) {
    const bill = Rational.of([10, 20, 50, 100, 200].find((b) => b > total.toNumber() + 1) ?? 500);
    return {
      prompt: `${name} buys ${line(first, n1, p1)} and ${line(second, n2, p2)}, and pays with a ${money(bill)} bill. How much change, in dollars, does ${name} get?`,
      answer: bill.sub(total),
      mistakes: [total, bill.sub(cost1), bill.sub(cost2), bill.sub(total).add(Rational.of(1))],
    };
  }
  const percent = rng.pick([10, 20, 25, 50]);
  const keep = Rational.of(100 - percent, 100);
  if (difficulty === 4) {
    const paid = total.mul(keep);
    if (paid.toDecimal(2) === null) return null;
    return {
      prompt: `${name} buys ${line(first, n1, p1)} and ${line(second, n2, p2)}. At the till everything is ${percent}% off. How many dollars does ${name} pay?`,
      answer: paid,
      mistakes: [total, total.sub(paid), total.mul(Rational.of(100 + percent, 100)), cost1.mul(keep).add(cost2)],
    };
  }
  const n3 = rng.int(1, 4);
  const p3 = price(rng, difficulty);
  const people = rng.int(2, 4);
  const fullTotal = total.add(p3.mul(Rational.of(n3)));
  const share = fullTotal.mul(keep).div(Rational.of(people));
  if (share.toDecimal(2) === null) return null;
  return {
    prompt:
      `${name} and ${people - 1 === 1 ? friend : `${people - 1} friends`} buy ${line(first, n1, p1)}, ${line(second, n2, p2)} and ` +
      `${line(third, n3, p3)}. The shop takes ${percent}% off the total, and they split the bill equally. How many dollars does each person pay?`,
    answer: share,
    mistakes: [fullTotal.div(Rational.of(people)), fullTotal.mul(keep), total.mul(keep).div(Rational.of(people)), fullTotal.mul(keep).div(Rational.of(people - 1))],
  };
};

function price(rng: Rng, difficulty: number): Rational {
  if (difficulty <= 2) return Rational.of(rng.int(1, 5 + difficulty * 3));
  return Rational.of(rng.int(4, 4 * (3 + difficulty * 3)), 4);
}

import type { Rng } from '@crucible/core';
import { Rational } from '../rational.js';
import { formatPlain, pickWrongAnswers } from '../wrong-answers.js';
import { retry, type Generator } from './generator.js';

type Op = '+' | '-' | '*' | '/';
type Node = { kind: 'num'; value: number; squared: boolean } | { kind: 'op'; op: Op; left: Node; right: Node; value: number };

interface Level {
  ops: number;
  max: number;
  allowed: Op[];
  squares: boolean;
  negatives: boolean;
  limit: number;
}

const LEVELS: Record<number, Level> = {
  1: { ops: 2, max: 10, allowed: ['+', '-', '*'], squares: false, negatives: false, limit: 200 },
  2: { ops: 3, max: 12, allowed: ['+', '-', '*', '/'], squares: false, negatives: false, limit: 500 },
  3: { ops: 4, max: 20, allowed: ['+', '-', '*', '/'], squares: false, negatives: false, limit: 2000 },
  4: { ops: 5, max: 25, allowed: ['+', '-', '*', '/'], squares: true, negatives: false, limit: 10000 },
  5: { ops: 6, max: 40, allowed: ['+', '-', '*', '/'], squares: true, negatives: true, limit: 50000 },
};

const PRECEDENCE: Record<Op, number> = { '+': 1, '-': 1, '*': 2, '/': 2 };
const SYMBOL: Record<Op, string> = { '+': '+', '-': '-', '*': '×', '/': '÷' };

/** Multi-step integer arithmetic where order of operations matters. */
export const arithmetic: Generator = {
  family: 'arithmetic',
  style: 'gsm8k',
  generate(rng, difficulty) {
    const level = LEVELS[difficulty] as Level;
    const tree = retry(() => {
      const t = build(rng, level.ops, level);
      const ok = t && Math.abs(t.value) <= level.limit && (level.negatives || t.value >= 0) && t.kind === 'op';
      return ok ? t : null;
    });
    const expression = print(tree);
    const reference = Rational.of(tree.value);
    const candidates = [leftToRight(expression), tree.kind === 'op' ? Rational.of(tree.left.value) : null, reference.add(Rational.of(rng.pick([1, -1]))), reference.neg()];
    return {
      prompt: `Evaluate the expression: ${expression}`,
      reference: formatPlain(reference),
      wrongAnswers: pickWrongAnswers(reference, candidates.filter((c): c is Rational => c !== null), formatPlain),
    };
  },
};

function leaf(rng: Rng, level: Level): Node {
  const value = rng.int(level.negatives && rng.chance(0.2) ? -level.max : 1, level.max);
  if (level.squares && rng.chance(0.2)) {
    const base = rng.int(2, 12);
    return { kind: 'num', value: base * base, squared: true };
  }
  return { kind: 'num', value: value === 0 ? 1 : value, squared: false };
}

function build(rng: Rng, ops: number, level: Level): Node | null {
  if (ops === 0) return leaf(rng, level);
  const op = rng.pick(level.allowed);
  if (op === '/') {
    const left = build(rng, ops - 1, level);
    if (!left) return null;
    const divisors = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].filter((d) => left.value !== 0 && left.value % d === 0);
    if (divisors.length === 0) return null;
    const right: Node = { kind: 'num', value: rng.pick(divisors), squared: false };
    return { kind: 'op', op, left, right, value: left.value / right.value };
  }
  const leftOps = rng.int(0, ops - 1);
  const left = build(rng, leftOps, level);
  const right = build(rng, ops - 1 - leftOps, level);
  if (!left || !right) return null;
  const value = op === '+' ? left.value + right.value : op === '-' ? left.value - right.value : left.value * right.value;
  if (Math.abs(value) > level.limit) return null;
  return { kind: 'op', op, left, right, value };
}

function print(node: Node): string {
  if (node.kind === 'num') {
    if (node.squared) return `${Math.round(Math.sqrt(node.value))}^2`;
    return node.value < 0 ? `(${node.value})` : String(node.value);
  }
  const wrap = (child: Node, right: boolean) => {
    const text = print(child);
    if (child.kind !== 'op') return text;
    const lower = PRECEDENCE[child.op] < PRECEDENCE[node.op];
    const sameOnRight = right && PRECEDENCE[child.op] === PRECEDENCE[node.op] && (node.op === '-' || node.op === '/' || child.op !== node.op);
    return lower || sameOnRight ? `(${text})` : text;
  };
  return `${wrap(node.left, false)} ${SYMBOL[node.op]} ${wrap(node.right, true)}`;
}

/** The classic slip: evaluating strictly left to right, ignoring precedence (brackets still respected). */
function leftToRight(expression: string): Rational | null {
  const tokens = expression.match(/\d+\^2|\d+|[-+×÷()]/g) ?? [];
  let pos = 0;
  const operand = (): Rational | null => {
    const t = tokens[pos++];
    if (t === '(') {
      const neg = tokens[pos] === '-' && tokens[pos + 2] === ')';
      if (neg) {
        pos += 3;
        return Rational.of(-Number(tokens[pos - 2]));
      }
      const inner = sequence();
      pos++;
      return inner;
    }
    if (t === undefined) return null;
    if (t.endsWith('^2')) return Rational.of(Number(t.slice(0, -2)) ** 2);
    return Rational.of(Number(t));
  };
  const sequence = (): Rational | null => {
    let acc = operand();
    while (acc && pos < tokens.length && tokens[pos] !== ')') {
      const op = tokens[pos++];
      const rhs = operand();
      if (!rhs) return null;
      if (op === '÷' && rhs.isZero()) return null;
      acc = op === '+' ? acc.add(rhs) : op === '-' ? acc.sub(rhs) : op === '×' ? acc.mul(rhs) : acc.div(rhs);
    }
    return acc;
  };
  return sequence();
}

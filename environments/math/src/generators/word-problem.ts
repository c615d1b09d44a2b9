import { formatPlain, pickWrongAnswers } from '../wrong-answers.js';
import { retry, type Generator } from './generator.js';
import { ages } from './word/ages.js';
import { rates } from './word/rates.js';
import { shopping } from './word/shopping.js';

const TEMPLATES = [shopping, rates, ages];

/** Templated word problems (shopping, rates, ages) with units and currency. */
export const wordProblem: Generator = {
  family: 'word-problem',
  style: 'gsm8k',
  generate(rng, difficulty) {
    const template = rng.pick(TEMPLATES);
    const drawn = retry(() => template(rng, difficulty));
    return {
      prompt: drawn.prompt,
      reference: formatPlain(drawn.answer),
      wrongAnswers: pickWrongAnswers(drawn.answer, drawn.mistakes, formatPlain),
    };
  },
};

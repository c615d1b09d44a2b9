import { hashOf, Rng } from '@crucible/core';
import { styleFor } from './answer-style.js';
import type { MathConfig } from './config.js';
import { FAMILY_NAMES, GENERATORS, type FamilyName } from './generators/families.js';
import type { MathTask } from './math-task.js';

/**
 * `count` procedural tasks for `seed`. Item i takes family `families[i % F]` and, unless the config
 * fixes one, difficulty `1 + floor(i / F) % 5`, so families and difficulties are covered evenly.
 */
export function proceduralTasks(config: MathConfig, seed: number, count: number): MathTask[] {
  const families = config.families ?? [...FAMILY_NAMES];
  return Array.from({ length: count }, (_, i) => {
    const family = families[i % families.length] as FamilyName;
    const difficulty = config.difficulty ?? 1 + (Math.floor(i / families.length) % 5);
    return proceduralTask(seed, i, family, difficulty);
  });
}

/**
 * One procedural task. Its stream is keyed by the whole tuple (seed, family, difficulty, index), so
 * `seed s, item i+1` and `seed s+1, item i` are unrelated; the id ends in a hash of the content.
 */
export function proceduralTask(seed: number, index: number, family: FamilyName, difficulty: number): MathTask {
  const generator = GENERATORS[family];
  const problem = generator.generate(new Rng('math', seed, family, difficulty, index), difficulty);
  const id = `math/${family}/d${difficulty}/${index}-${hashOf([problem.prompt, problem.reference]).slice(0, 8)}`;
  return {
    id,
    prompt: problem.prompt,
    difficulty,
    family,
    reference: problem.reference,
    wrongAnswers: problem.wrongAnswers,
    style: styleFor(id, generator.style),
    metadata: { seed, index, source: 'procedural' },
  };
}

import { describe, expect, it } from 'vitest';
import { isEquivalent } from '../equivalence/is-equivalent.js';
import { MathConfigSchema } from '../config.js';
import { proceduralTask, proceduralTasks } from '../procedural-tasks.js';
import { FAMILY_NAMES } from './families.js';

const config = (input: Record<string, unknown> = {}) => MathConfigSchema.parse(input);

describe('procedural tasks', () => {
  it('are deterministic: the same seed, index and config give the same ids and content', () => {
    const a = proceduralTasks(config(), 11, 40);
    const b = proceduralTasks(config(), 11, 40);
    expect(b).toEqual(a);
    expect(new Set(a.map((t) => t.id)).size).toBe(40);
    expect(a[0]?.id).toMatch(/^math\/arithmetic\/d1\/0-[0-9a-f]{8}$/);
  });

  it('change with the seed', () => {
    const a = proceduralTasks(config(), 1, 20).map((t) => t.prompt);
    const b = proceduralTasks(config(), 2, 20).map((t) => t.prompt);
    expect(a.filter((p, i) => p === b[i]).length).toBeLessThan(3);
  });

  it('do not shift with the seed: seed s item i+1 differs from seed s+1 item i', () => {
    for (const family of FAMILY_NAMES) {
      for (let s = 0; s < 5; s++) {
        for (let i = 0; i < 5; i++) {
          expect(proceduralTask(s, i + 1, family, 3).prompt).not.toBe(proceduralTask(s + 1, i, family, 3).prompt);
        }
      }
    }
  });

  it('cycle families and difficulties evenly, or keep a fixed difficulty and chosen families', () => {
    const tasks = proceduralTasks(config(), 0, 20);
    const combos = new Set(tasks.map((t) => `${t.family}/${t.difficulty}`));
    expect(combos.size).toBe(FAMILY_NAMES.length * 5);
    const fixed = proceduralTasks(config({ difficulty: 4, families: ['fractions'] }), 0, 10);
    expect(fixed.every((t) => t.family === 'fractions' && t.difficulty === 4)).toBe(true);
  });

  it('grade every reference equal to itself and every wrong answer not equal to it', () => {
    const tasks = [1, 2, 3, 4, 5].flatMap((d) => proceduralTasks(config({ difficulty: d }), 3, 40));
    expect(tasks).toHaveLength(200);
    for (const task of tasks) {
      expect(isEquivalent(task.reference, task.reference).equal, task.id).toBe(true);
      const wrong = task.wrongAnswers ?? [];
      expect(wrong.length, task.id).toBeGreaterThanOrEqual(3);
      expect(wrong.length, task.id).toBeLessThanOrEqual(5);
      expect(new Set(wrong).size, task.id).toBe(wrong.length);
      for (const w of wrong) expect(isEquivalent(task.reference, w).equal, `${task.id}: ${w}`).toBe(false);
    }
  });
});

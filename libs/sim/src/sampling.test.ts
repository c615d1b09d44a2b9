import { describe, expect, it } from 'vitest';
import { baseAccuracy, successProbability, wrongAnswerWeights } from './sampling.js';

describe('success probability', () => {
  it('interpolates the base accuracy between difficulty levels', () => {
    expect(baseAccuracy(1)).toBeCloseTo(0.92);
    expect(baseAccuracy(2.5)).toBeCloseTo(0.69);
    expect(baseAccuracy(5)).toBeCloseTo(0.28);
    expect(baseAccuracy(9)).toBeCloseTo(0.28);
  });

  it('is the base at medium effort and cool temperature, and moves with effort and temperature', () => {
    expect(successProbability(3, { effort: 'medium', temperature: 0.7 })).toBeCloseTo(0.6);
    const at = (effort: 'minimal' | 'low' | 'medium' | 'high') => successProbability(3, { effort, temperature: 0.7 });
    expect(at('minimal')).toBeLessThan(at('low'));
    expect(at('low')).toBeLessThan(at('medium'));
    expect(at('medium')).toBeLessThan(at('high'));
    expect(successProbability(3, { temperature: 1.5 })).toBeLessThan(successProbability(3, { temperature: 1 }));
    expect(successProbability(3, { temperature: 0 })).toBeCloseTo(successProbability(3, { temperature: 0.7 }));
  });

  it('weights wrong answers first-most-likely, flatter when hot', () => {
    const cold = wrongAnswerWeights(3, 0.3);
    const hot = wrongAnswerWeights(3, 2);
    expect(cold[0]).toBe(1);
    expect((cold[1] as number) / (cold[0] as number)).toBeLessThan((hot[1] as number) / (hot[0] as number));
  });
});

/** Prints how fast tasks are generated and answers graded (numbers only; no assertions). */
import { performance } from 'node:perf_hooks';
import { gradeCase, proceduralTasks } from '../src/index.js';
import { MathConfigSchema } from '../src/config.js';

const time = (label: string, n: number, fn: () => void) => {
  const start = performance.now();
  fn();
  const ms = performance.now() - start;
  console.log(`${label}: ${n} in ${ms.toFixed(0)} ms (${((ms * 1000) / n).toFixed(0)} µs each)`);
};

let tasks: ReturnType<typeof proceduralTasks> = [];
time('generate procedural tasks', 1000, () => {
  tasks = proceduralTasks(MathConfigSchema.parse({}), 1, 1000);
});
time('grade numeric answers', 1000, () => {
  for (const t of tasks) gradeCase(t.reference, `work\n#### ${t.wrongAnswers?.[0] ?? t.reference}`);
});
const latex: Array<[string, string]> = [
  ['\\frac{1}{\\sqrt{2}}', '\\boxed{\\frac{\\sqrt{2}}{2}}'],
  ['2x+2', '\\boxed{2(x+1)}'],
  ['\\{1,2\\}', '\\boxed{\\{2,1\\}}'],
  ['(1,2]', '\\boxed{[1,2]}'],
];
time('grade LaTeX answers', 400, () => {
  for (let i = 0; i < 100; i++) for (const [g, p] of latex) gradeCase(g, p);
});

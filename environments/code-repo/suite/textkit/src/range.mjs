/**
 * The numbers from start up to (not including) end, step apart. range(3) is [0, 1, 2].
 * @param {number} start
 * @param {number} [end]
 * @param {number} [step]
 * @returns {number[]}
 */
export function range(start, end, step = 1) {
  if (end === undefined) {
    end = start;
    start = 0;
  }
  if (step === 0) throw new RangeError('step must not be 0');
  const out = [];
  for (let i = start; i < end; i += step) out.push(i);
  return out;
}

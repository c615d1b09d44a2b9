import { CrucibleError } from '@crucible/core';

/** A bad argument from the code calling this library; it is a bug there, not bad data. */
export function argumentError(where: string, message: string): CrucibleError {
  return new CrucibleError('invalid_config', `${where}: ${message}`, {
    hint: 'fix the caller of @crucible/scoring; the arguments are documented on the function',
  });
}

/** Throws unless `value` is an integer in [min, max]. */
export function checkInt(where: string, name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw argumentError(where, `${name} must be an integer in [${min}, ${max}], got ${value}`);
  }
}

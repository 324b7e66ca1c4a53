/** Validation shared by the stateful helpers' constructor options. */

/** @throws {RangeError} naming the option when `value` is not a finite number ≥ 0. */
export function nonNegativeOption(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a non-negative number, got ${value}`);
  return value;
}

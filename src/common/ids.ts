/** The largest value of PostgreSQL's `integer` (serial ids, stock, quantities). */
export const MAX_INT4 = 2147483647;

/** A value that can be a row id: a positive integer PostgreSQL's `integer` can hold. */
export function isSerialId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= MAX_INT4;
}

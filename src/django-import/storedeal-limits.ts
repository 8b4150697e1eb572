/**
 * What Storedeal's columns can hold. Django's PostgreSQL tables enforce the same limits, but
 * SQLite enforces no varchar length, so a Django SQLite file can hold rows past them.
 */
const MAX_ID = 2_147_483_647;

/** Storedeal's ids are PostgreSQL integers; Django's categories and products are bigints. */
export function idProblem(id: number): string | undefined {
  return Number.isSafeInteger(id) && id >= 1 && id <= MAX_ID ? undefined : `id ${id} does not fit Storedeal's integer ids`;
}

/** A varchar(max) the way PostgreSQL counts it (characters, not UTF-16 units); PostgreSQL text cannot hold NUL. */
export function textProblem(field: string, value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return `${field} is not text`;
  if (value.includes('\u0000')) return `${field} contains a NUL character`;
  if (value.length > max && [...value].length > max) return `${field} is longer than ${max} characters`;
  return undefined;
}

export function countProblem(field: string, value: number): string | undefined {
  return Number.isSafeInteger(value) && value >= 0 ? undefined : `${field} ${value} is not a whole number of 0 or more`;
}

export function stockProblem(stock: number): string | undefined {
  return countProblem('stock', stock) ?? (stock > MAX_ID ? `stock ${stock} is above ${MAX_ID}` : undefined);
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * A Django datetime as a PostgreSQL timestamptz literal, microseconds kept. Django on SQLite
 * stores UTC without an offset (USE_TZ = True, Django's default); PostgreSQL's text carries one.
 */
export function timestampLiteral(text: string): string | undefined {
  const match = TIMESTAMP.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second = '00', fraction = '', zone] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const validDate = date.getUTCFullYear() === Number(year) && date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
  if (!validDate || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
  return `${year}-${month}-${day} ${hour}:${minute}:${second}${fraction}${utcOffset(zone)}`;
}

/** "+00", "+0530", "Z" or none → "+00:00", "+05:30": one spelling, so fingerprints of equal instants agree. */
function utcOffset(zone: string | undefined): string {
  if (!zone || zone === 'Z') return '+00:00';
  const digits = zone.slice(1).replace(':', '').padEnd(4, '0');
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2)}`;
}

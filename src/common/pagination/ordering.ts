/**
 * DRF's `OrderingFilter` parameter: `?ordering=-price,name` is several comma-separated fields,
 * each optionally prefixed with `-` for descending, with the spaces around each term ignored.
 * DRF silently drops terms it does not know; our contract answers 400 for them instead, so a
 * typo never looks like an ordering that worked.
 */
export interface OrderingKey<F extends string = string> {
  field: F;
  descending: boolean;
}

/** The terms of `text`, or the ones that name no field of `fields` (each as the client wrote it). */
export function parseOrderingKeys<F extends string>(
  text: string,
  fields: readonly F[],
): { keys: OrderingKey<F>[] } | { invalid: string[] } {
  const keys: OrderingKey<F>[] = [];
  const invalid: string[] = [];
  for (const raw of text.split(',')) {
    const term = raw.trim();
    const descending = term.startsWith('-');
    const field = descending ? term.slice(1) : term;
    if ((fields as readonly string[]).includes(field)) keys.push({ field: field as F, descending });
    else invalid.push(term);
  }
  return invalid.length > 0 ? { invalid } : { keys: dedupe(keys) };
}

/** A field named twice orders by its first mention only, as in SQL: the later one is dropped. */
function dedupe<F extends string>(keys: OrderingKey<F>[]): OrderingKey<F>[] {
  const seen = new Set<F>();
  return keys.filter((key) => !seen.has(key.field) && seen.add(key.field));
}

/**
 * The keys with `unique` as the last one: nothing after a unique field can change the order,
 * and without it the order of ties would be the database's choice. An implicit tie-breaker
 * runs in the direction of the last key, so one index on `(field, unique)` serves both
 * directions of a one-field ordering.
 */
export function withTieBreaker<F extends string>(keys: OrderingKey<F>[], unique: F): OrderingKey<F>[] {
  const at = keys.findIndex((key) => key.field === unique);
  if (at >= 0) return keys.slice(0, at + 1);
  return [...keys, { field: unique, descending: keys.at(-1)?.descending ?? false }];
}

/** `-price,name`: the client's spelling of the keys (the implicit tie-breaker left out). */
export function orderingKeysText<F extends string>(keys: OrderingKey<F>[], unique: F): string {
  const last = keys.at(-1);
  const previous = keys.at(-2);
  const implicit = keys.length > 1 && last?.field === unique && last.descending === previous?.descending;
  return (implicit ? keys.slice(0, -1) : keys).map((key) => `${key.descending ? '-' : ''}${key.field}`).join(',');
}

/** A regular expression for the OpenAPI document: comma-separated fields, each optionally with `-`. */
export function orderingPattern(fields: readonly string[]): string {
  const term = `\\s*-?(?:${fields.join('|')})\\s*`;
  return `^${term}(?:,${term})*$`;
}

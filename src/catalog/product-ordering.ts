import { OrderingKey, orderingKeysText, parseOrderingKeys, withTieBreaker } from '../common/pagination/ordering.js';

/**
 * The product listing's `?ordering=`: one or several comma-separated fields as DRF's
 * OrderingFilter takes them (`-price,name`), each optionally descending; id breaks the
 * remaining ties, in the direction of the last field.
 */
export const ORDERING_FIELDS = ['id', 'name', 'price', 'stock'] as const;
export type OrderingField = (typeof ORDERING_FIELDS)[number];

export interface ProductOrdering {
  /** The keys in order; the last one is always `id`, so the order is total. */
  keys: OrderingKey<OrderingField>[];
}

export const DEFAULT_ORDERING: ProductOrdering = { keys: [{ field: 'id', descending: false }] };

export const INVALID_ORDERING = `Invalid ordering. Use ${ORDERING_FIELDS.join(', ')}, each optionally prefixed with "-", several separated by commas (e.g. "-price,name").`;

/** "price" → price ascending, "-price,name" → price descending then name; anything else → null. */
export function parseOrdering(text: string): ProductOrdering | null {
  const parsed = parseOrderingKeys(text, ORDERING_FIELDS);
  return 'keys' in parsed ? { keys: withTieBreaker(parsed.keys, 'id') } : null;
}

/** The ordering as the client would write it; cursors carry it to recognise their own ordering. */
export function orderingText(ordering: ProductOrdering): string {
  return orderingKeysText(ordering.keys, 'id');
}

/** The keys before the id tie-breaker: the values a cursor records besides the id. */
export function valueKeys(ordering: ProductOrdering): OrderingKey<Exclude<OrderingField, 'id'>>[] {
  return ordering.keys.filter((key): key is OrderingKey<Exclude<OrderingField, 'id'>> => key.field !== 'id');
}

import { decodeCursorPayload, encodeCursorPayload, InvalidCursor } from '../common/pagination/cursor.js';
import { checkDecimal } from '../common/validation/drf-fields.js';
import { OrderingField, orderingText, ProductOrdering, valueKeys } from './product-ordering.js';
import { isSerialId, MAX_INT4 } from '../common/ids.js';

/**
 * Keyset cursors for the product listing. A cursor names a row by the values of its ordering
 * keys and its id (the tie-breaker), so the next page is an index range scan that costs the
 * same at any depth.
 */
export type KeyValue = string | number;

export interface CursorPosition {
  /** The boundary row's value for each ordering key before the id, in order; empty when ordering by id. */
  values: KeyValue[];
  id: number;
}

export interface ProductCursor {
  position: CursorPosition;
  /** True for a `previous` link: the page ends just before the position. */
  backward: boolean;
}

/**
 * `o` is the ordering as written (`-price,name`), `k` the key values (one value alone, as
 * cursors of a one-field ordering always had it, else a list), `i` the id, `b` backward.
 */
interface CursorPayload {
  o: string;
  k?: KeyValue | KeyValue[];
  i: number;
  b?: true;
}

export function encodeCursor(ordering: ProductOrdering, cursor: ProductCursor): string {
  const payload: CursorPayload = { o: orderingText(ordering), i: cursor.position.id };
  const { values } = cursor.position;
  if (values.length === 1) payload.k = values[0];
  else if (values.length > 1) payload.k = values;
  if (cursor.backward) payload.b = true;
  return encodeCursorPayload(payload);
}

const isIntegerIn = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;

function isValidValue(field: Exclude<OrderingField, 'id'>, value: unknown): boolean {
  switch (field) {
    case 'stock':
      return isIntegerIn(value, 0, MAX_INT4);
    case 'name':
      return typeof value === 'string' && [...value].length <= 255;
    case 'price': {
      if (typeof value !== 'string') return false;
      const checked = checkDecimal(value, { maxDigits: 10, decimalPlaces: 2, nonNegative: true });
      return 'value' in checked && checked.value === value;
    }
  }
}

/** The key values of a payload for these keys, or null when they do not fit them. */
function valuesOf(ordering: ProductOrdering, k: unknown): KeyValue[] | null {
  const keys = valueKeys(ordering);
  if (keys.length === 0) return k === undefined ? [] : null;
  const values: unknown[] = keys.length === 1 ? [k] : Array.isArray(k) ? k : [];
  if (values.length !== keys.length) return null;
  return keys.every((key, index) => isValidValue(key.field, values[index])) ? (values as KeyValue[]) : null;
}

/** Reads a cursor made for this ordering; anything else → 400 `{"cursor": ["Invalid cursor"]}`. */
export function decodeCursor(text: string, ordering: ProductOrdering): ProductCursor {
  const payload = decodeCursorPayload(text, ['o', 'k', 'i', 'b']) as Partial<CursorPayload>;
  const values = payload.o === orderingText(ordering) ? valuesOf(ordering, payload.k) : null;
  if (!values || !isSerialId(payload.i) || (payload.b !== undefined && payload.b !== true)) throw new InvalidCursor();
  return { position: { values, id: payload.i }, backward: payload.b === true };
}

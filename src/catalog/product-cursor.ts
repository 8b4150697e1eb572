import { decodeCursorPayload, encodeCursorPayload, InvalidCursor } from '../common/pagination/cursor.js';
import { checkDecimal } from '../common/validation/drf-fields.js';
import { orderingText, ProductOrdering } from './product-ordering.js';
import { isSerialId, MAX_INT4 } from '../common/ids.js';

/**
 * Keyset cursors for the product listing. A cursor names a row by its ordering key and id
 * (the tie-breaker), so the next page is an index range scan that costs the same at any
 * depth.
 */
export interface CursorPosition {
  /** The ordering field's value on the boundary row; absent when ordering by id. */
  key?: string | number;
  id: number;
}

export interface ProductCursor {
  position: CursorPosition;
  /** True for a `previous` link: the page ends just before the position. */
  backward: boolean;
}

interface CursorPayload {
  o: string;
  k?: string | number;
  i: number;
  b?: true;
}


export function encodeCursor(ordering: ProductOrdering, cursor: ProductCursor): string {
  const payload: CursorPayload = { o: orderingText(ordering), i: cursor.position.id };
  if (ordering.field !== 'id') payload.k = cursor.position.key;
  if (cursor.backward) payload.b = true;
  return encodeCursorPayload(payload);
}

const isIntegerIn = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;

function isValidKey(ordering: ProductOrdering, key: unknown): boolean {
  switch (ordering.field) {
    case 'id':
      return key === undefined;
    case 'stock':
      return isIntegerIn(key, 0, MAX_INT4);
    case 'name':
      return typeof key === 'string' && [...key].length <= 255;
    case 'price': {
      if (typeof key !== 'string') return false;
      const checked = checkDecimal(key, { maxDigits: 10, decimalPlaces: 2, nonNegative: true });
      return 'value' in checked && checked.value === key;
    }
  }
}

/** Reads a cursor made for this ordering; anything else → 400 `{"cursor": ["Invalid cursor"]}`. */
export function decodeCursor(text: string, ordering: ProductOrdering): ProductCursor {
  const payload = decodeCursorPayload(text, ['o', 'k', 'i', 'b']) as Partial<CursorPayload>;
  if (
    payload.o !== orderingText(ordering) ||
    !isSerialId(payload.i) ||
    (payload.b !== undefined && payload.b !== true) ||
    !isValidKey(ordering, payload.k)
  ) {
    throw new InvalidCursor();
  }
  const position: CursorPosition = ordering.field === 'id' ? { id: payload.i } : { key: payload.k, id: payload.i };
  return { position, backward: payload.b === true };
}

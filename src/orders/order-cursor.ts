import { isSerialId } from '../common/ids.js';
import { decodeCursorPayload, encodeCursorPayload, InvalidCursor } from '../common/pagination/cursor.js';

/**
 * Orders are listed newest first, so a cursor is an order id: `next` continues with older
 * orders than it, `previous` (backward) goes back to newer ones.
 */
export interface OrderCursor {
  id: number;
  backward: boolean;
}

export function encodeOrderCursor(cursor: OrderCursor): string {
  return encodeCursorPayload(cursor.backward ? { i: cursor.id, b: true } : { i: cursor.id });
}

export function decodeOrderCursor(text: string): OrderCursor {
  const payload = decodeCursorPayload(text, ['i', 'b']);
  // id - 1 may be 0 on the way back from an empty last page.
  if (!(isSerialId(payload.i) || payload.i === 0) || (payload.b !== undefined && payload.b !== true)) throw new InvalidCursor();
  return { id: payload.i as number, backward: payload.b === true };
}

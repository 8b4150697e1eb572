import { FieldValidationError } from '../errors/domain-errors.js';

/**
 * Keyset cursors are base64url JSON: opaque to clients, but nothing in them is secret. Each
 * listing decides what its payload holds and checks it when it comes back.
 */

// Room for the longest key a listing orders by: a product name of 255 characters is up to
// 1,530 bytes of JSON (control characters escape to six), about 2,100 characters of base64.
const MAX_CURSOR_LENGTH = 4096;

/** A cursor that is not one of ours, or that does not fit the listing's other parameters. */
export class InvalidCursor extends FieldValidationError {
  constructor() {
    super({ cursor: ['Invalid cursor'] });
  }
}

export function encodeCursorPayload(payload: object): string {
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

/** The payload of a cursor, as an object with only the keys a listing expects; else InvalidCursor. */
export function decodeCursorPayload(text: string, keys: string[]): Record<string, unknown> {
  let payload: unknown;
  if (text.length <= MAX_CURSOR_LENGTH && /^[A-Za-z0-9_-]+$/.test(text)) {
    try {
      payload = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    } catch {
      payload = undefined;
    }
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new InvalidCursor();
  if (!Object.keys(payload).every((name) => keys.includes(name))) throw new InvalidCursor();
  return payload as Record<string, unknown>;
}

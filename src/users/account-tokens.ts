import { createHmac, timingSafeEqual } from 'node:crypto';
import type { User } from './entities/user.entity.js';
import { isSerialId } from '../common/ids.js';

/**
 * Djoser's `uid` and `token` for activation and reset links, built like Django's
 * PasswordResetTokenGenerator: a base-36 timestamp and an HMAC of the user's state, so a
 * token dies when the password, username, email or last login changes, or after 3 days.
 */
const TIMEOUT_SECONDS = 3 * 24 * 3600;
const EPOCH_2001 = Date.UTC(2001, 0, 1) / 1000;

export type AccountTokenPurpose = 'activation' | 'password-reset' | 'username-reset';

export function encodeUid(id: number): string {
  return Buffer.from(String(id)).toString('base64url');
}

/** The user id in a uid, or null when it is not one. */
export function decodeUid(uid: string): number | null {
  if (!/^[A-Za-z0-9_-]{1,16}$/.test(uid)) return null;
  const text = Buffer.from(uid, 'base64url').toString('utf8');
  if (!/^\d{1,10}$/.test(text)) return null;
  const id = Number(text);
  return isSerialId(id) ? id : null;
}

export class AccountTokens {
  constructor(private readonly secret: string) {}

  make(user: User, purpose: AccountTokenPurpose, now = Date.now()): string {
    const timestamp = Math.floor(now / 1000 - EPOCH_2001);
    return `${timestamp.toString(36)}-${this.signature(user, purpose, timestamp)}`;
  }

  check(user: User, purpose: AccountTokenPurpose, token: string, now = Date.now()): boolean {
    const match = /^([0-9a-z]{1,13})-([0-9a-f]{32})$/.exec(token);
    if (!match) return false;
    const timestamp = Number.parseInt(match[1], 36);
    const age = now / 1000 - EPOCH_2001 - timestamp;
    if (age < 0 || age > TIMEOUT_SECONDS) return false;
    const expected = Buffer.from(this.signature(user, purpose, timestamp));
    return timingSafeEqual(expected, Buffer.from(match[2]));
  }

  private signature(user: User, purpose: AccountTokenPurpose, timestamp: number): string {
    const state = [user.id, user.password, user.lastLogin?.toISOString() ?? '', timestamp, user.email, user.username];
    const digest = createHmac('sha256', `storedeal.account-tokens.${purpose}.${this.secret}`)
      .update(state.join('\u0000'))
      .digest('hex');
    return [...digest].filter((_, index) => index % 2 === 0).join('');
  }
}

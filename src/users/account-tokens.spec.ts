import { AccountTokens, decodeUid, encodeUid } from './account-tokens.js';
import { User } from './entities/user.entity.js';

function user(changes: Partial<User> = {}): User {
  return Object.assign(new User(), { id: 17, username: 'alice', email: 'a@example.com', password: 'hash', lastLogin: null, ...changes });
}

describe('account tokens', () => {
  const tokens = new AccountTokens('secret-for-tests');

  it('round-trips uids and rejects garbage', () => {
    expect(decodeUid(encodeUid(17))).toBe(17);
    expect(decodeUid('!!')).toBeNull();
    expect(decodeUid(Buffer.from('abc').toString('base64url'))).toBeNull();
    expect(decodeUid(Buffer.from('0').toString('base64url'))).toBeNull();
  });

  it('accepts its own token and rejects others', () => {
    const token = tokens.make(user(), 'password-reset');
    expect(tokens.check(user(), 'password-reset', token)).toBe(true);
    expect(tokens.check(user(), 'username-reset', token)).toBe(false);
    expect(tokens.check(user({ id: 18 }), 'password-reset', token)).toBe(false);
    expect(tokens.check(user(), 'password-reset', 'x-y')).toBe(false);
  });

  it('dies when the password or last login changes, or after three days', () => {
    const now = Date.now();
    const token = tokens.make(user(), 'password-reset', now);
    expect(tokens.check(user({ password: 'new-hash' }), 'password-reset', token, now)).toBe(false);
    expect(tokens.check(user({ lastLogin: new Date(now) }), 'password-reset', token, now)).toBe(false);
    expect(tokens.check(user(), 'password-reset', token, now + 3 * 24 * 3600 * 1000 - 1000)).toBe(true);
    expect(tokens.check(user(), 'password-reset', token, now + 3 * 24 * 3600 * 1000 + 2000)).toBe(false);
  });
});

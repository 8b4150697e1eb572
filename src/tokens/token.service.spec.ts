import { createHmac } from 'node:crypto';
import { Repository } from 'typeorm';
import { AuthSecret } from '../config/auth-secret.js';
import { Environment } from '../config/environment.js';
import { RefreshToken } from './entities/refresh-token.entity.js';
import { ISSUED_AT_LEEWAY_SECONDS } from './jwt.js';
import { TokenService } from './token.service.js';

const SECRET = 'unit-test-secret-unit-test-secret-0123';

/** A token built by hand, as simplejwt (PyJWT) builds one. */
function handMade(payload: Record<string, unknown>, secret = SECRET, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part(header)}.${part(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

describe('TokenService (signing and decoding)', () => {
  const env = Object.assign(new Environment(), { JWT_ACCESS_LIFETIME: 300, JWT_SECRET: SECRET });
  // Decoding never touches the database; the repository is only used by refresh-token methods.
  const tokens = new TokenService(new AuthSecret(env), env, undefined as unknown as Repository<RefreshToken>);
  const now = () => Math.floor(Date.now() / 1000);

  it('issues simplejwt-shaped access tokens', () => {
    const token = tokens.accessFor(17);
    const claims = tokens.decode(token)!;
    expect(claims.token_type).toBe('access');
    expect(claims.user_id).toBe(17);
    expect(claims.jti).toMatch(/^[0-9a-f]{32}$/);
    expect(claims.exp - claims.iat).toBe(300);
    expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
  });

  it('accepts a token signed the way simplejwt signs one', () => {
    const claims = { token_type: 'access', exp: now() + 60, iat: now(), jti: 'a'.repeat(32), user_id: 3 };
    expect(tokens.decode(handMade(claims))).toEqual(claims);
  });

  it('rejects tokens signed with another key, unsigned, of another algorithm or mangled', () => {
    const claims = { token_type: 'access', exp: now() + 60, iat: now(), jti: 'a'.repeat(32), user_id: 1 };
    expect(tokens.decode(handMade(claims, 'another-secret-another-secret-012345'))).toBeNull();
    const [header, payload] = tokens.accessFor(1).split('.');
    expect(tokens.decode(`${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`)).toBeNull();
    expect(tokens.decode(handMade(claims, SECRET, { alg: 'HS512', typ: 'JWT' }))).toBeNull();
    expect(tokens.decode(`${header}.${payload}.bad`)).toBeNull();
    expect(tokens.decode(`${header}.${payload}`)).toBeNull();
    expect(tokens.decode('')).toBeNull();
    expect(tokens.decode(42)).toBeNull();
    expect(tokens.decode('x'.repeat(5000))).toBeNull();
  });

  it('rejects expired and not-yet-valid tokens, and tokens without the claims', () => {
    const base = { token_type: 'access', iat: now(), jti: 'b'.repeat(32), user_id: 1 };
    expect(tokens.decode(handMade({ ...base, exp: now() - 1 }))).toBeNull();
    expect(tokens.decode(handMade({ ...base }))).toBeNull();
    expect(tokens.decode(handMade({ ...base, exp: now() + 60, nbf: now() + 30 }))).toBeNull();
    expect(tokens.decode(handMade({ ...base, exp: now() + 60, user_id: '1' }))).toBeNull();
    expect(tokens.decode(handMade({ ...base, exp: now() + 60, token_type: 'sliding' }))).toBeNull();
    expect(tokens.verify(handMade({ exp: now() + 60 }))).toEqual({ exp: expect.any(Number) });
  });

  it('rejects a token issued in the future beyond the leeway, and one without a numeric iat', () => {
    const base = { token_type: 'access', exp: now() + 600, jti: 'c'.repeat(32), user_id: 1 };
    expect(tokens.decode(handMade({ ...base, iat: now() + ISSUED_AT_LEEWAY_SECONDS + 2 }))).toBeNull();
    expect(tokens.decode(handMade({ ...base, iat: now() + ISSUED_AT_LEEWAY_SECONDS - 1 }))).not.toBeNull();
    expect(tokens.decode(handMade({ ...base }))).toBeNull();
    expect(tokens.decode(handMade({ ...base, iat: String(now()) }))).toBeNull();
  });

  it('rejects a user_id that cannot be a row id', () => {
    const base = { token_type: 'access', exp: now() + 60, iat: now(), jti: 'd'.repeat(32) };
    for (const userId of [0, -1, 2147483648, 1.5]) expect(tokens.decode(handMade({ ...base, user_id: userId }))).toBeNull();
    expect(tokens.decode(handMade({ ...base, user_id: 2147483647 }))).not.toBeNull();
  });
});

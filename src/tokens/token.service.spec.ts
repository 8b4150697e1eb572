import { JwtService } from '@nestjs/jwt';
import { Repository } from 'typeorm';
import { Environment } from '../config/environment.js';
import { RefreshToken } from './entities/refresh-token.entity.js';
import { TokenService } from './token.service.js';

const SECRET = 'unit-test-secret-unit-test-secret-0123';

describe('TokenService (signing and decoding)', () => {
  const env = Object.assign(new Environment(), { JWT_ACCESS_LIFETIME: 300 });
  // Decoding never touches the database; the repository is only used by refresh-token methods.
  const tokens = new TokenService(new JwtService({ secret: SECRET }), env, undefined as unknown as Repository<RefreshToken>);

  it('issues simplejwt-shaped access tokens', () => {
    const claims = tokens.decode(tokens.accessFor(17))!;
    expect(claims.token_type).toBe('access');
    expect(claims.user_id).toBe(17);
    expect(claims.jti).toMatch(/^[0-9a-f]{32}$/);
    expect(claims.exp - claims.iat).toBe(300);
  });

  it('rejects tokens signed with another key, unsigned or mangled', () => {
    const other = new JwtService({ secret: 'another-secret-another-secret-012345' }).sign({
      token_type: 'access',
      user_id: 1,
      jti: 'a'.repeat(32),
    });
    expect(tokens.decode(other)).toBeNull();
    const [header, payload] = tokens.accessFor(1).split('.');
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    expect(tokens.decode(none)).toBeNull();
    expect(tokens.decode(`${header}.${payload}.bad`)).toBeNull();
    expect(tokens.decode('')).toBeNull();
    expect(tokens.decode(42)).toBeNull();
  });

  it('rejects expired tokens', () => {
    const expired = new JwtService({ secret: SECRET }).sign({
      token_type: 'access',
      user_id: 1,
      jti: 'b'.repeat(32),
      exp: Math.floor(Date.now() / 1000) - 10,
    });
    expect(tokens.decode(expired)).toBeNull();
  });
});

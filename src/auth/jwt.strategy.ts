import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-jwt';
import { AuthenticationError } from '../common/errors/domain-errors.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { AuthSecret } from '../config/auth-secret.js';
import type { TokenClaims } from '../tokens/token.service.js';
import { UsersService } from '../users/users.service.js';
import { accessTokenFrom } from './access-token.js';

/** simplejwt's 401 for a bad access token on a protected endpoint. */
export function invalidAccessToken(message = 'Token is invalid or expired'): AuthenticationError {
  return new AuthenticationError('Given token not valid for any token type', 'token_not_valid', [
    { token_class: 'AccessToken', token_type: 'access', message },
  ]);
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    secret: AuthSecret,
    private readonly users: UsersService,
  ) {
    super({
      jwtFromRequest: accessTokenFrom,
      // jsonwebtoken accepts a KeyObject although the typings say string | Buffer (see AuthSecret).
      secretOrKeyProvider: (_request: unknown, _token: unknown, done: (error: null, key: Buffer) => void) =>
        done(null, secret.key as unknown as Buffer),
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  /** As simplejwt does, the user is looked up on every request: a deleted or deactivated user is refused at once. */
  async validate(claims: TokenClaims): Promise<AuthUser> {
    if (claims.token_type !== 'access') throw invalidAccessToken('Token has wrong type');
    if (!Number.isSafeInteger(claims.user_id)) {
      throw new AuthenticationError('Token contained no recognizable user identification', 'token_not_valid');
    }
    const user = await this.users.findPrincipal(claims.user_id);
    if (!user) throw new AuthenticationError('User not found', 'user_not_found');
    if (!user.isActive) throw new AuthenticationError('User is inactive', 'user_inactive');
    return user;
  }
}

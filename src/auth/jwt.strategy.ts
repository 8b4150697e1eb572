import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-jwt';
import type { AuthUser } from '../common/auth/auth-user.js';
import { AuthSecret } from '../config/auth-secret.js';
import type { TokenClaims } from '../tokens/token.service.js';
import { UsersService } from '../users/users.service.js';
import { accessTokenFrom } from './access-token.js';
import { InvalidAccessToken, TokenUserInactive, TokenUserNotFound, TokenWithoutUser } from './auth.errors.js';

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
    if (claims.token_type !== 'access') throw new InvalidAccessToken('Token has wrong type');
    if (!Number.isSafeInteger(claims.user_id)) throw new TokenWithoutUser();
    const user = await this.users.findPrincipal(claims.user_id);
    if (!user) throw new TokenUserNotFound();
    if (!user.isActive) throw new TokenUserInactive();
    return user;
  }
}

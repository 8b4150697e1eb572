import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../common/auth/auth-user.js';
import { isSerialId } from '../common/ids.js';
import { IGNORES_CREDENTIALS, IS_PUBLIC } from '../common/auth/public.decorator.js';
import { TokenService } from '../tokens/token.service.js';
import { UsersService } from '../users/users.service.js';
import { accessTokenFrom } from './access-token.js';
import { InvalidAccessToken, TokenUserInactive, TokenUserNotFound, TokenWithoutUser } from './auth.errors.js';

type Access = 'protected' | 'public' | 'ignores-credentials';

/**
 * The global guard, simplejwt's JWTAuthentication. Protected routes need a valid access
 * token. Public routes let anonymous callers through but, as DRF does, still reject a token
 * that is present and bad (except on routes marked IgnoresCredentials: simplejwt's token
 * views). The token's user is looked up on every request (UsersService caches it for under
 * a second), so a deleted, deactivated or password-changed account is refused within a second.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  /** A route's access rule never changes: read its metadata once. */
  private readonly accessByHandler = new WeakMap<object, Access>();

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly users: UsersService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.accessOf(context);
    if (access === 'ignores-credentials') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const token = accessTokenFrom(request);
    if (token === null) {
      if (access === 'public') return true;
      throw new UnauthorizedException();
    }
    request.user = await this.authenticate(token);
    return true;
  }

  private async authenticate(token: string): Promise<AuthUser> {
    const claims = this.tokens.verify(token);
    if (!claims) throw new InvalidAccessToken();
    if (claims.token_type !== 'access') throw new InvalidAccessToken('Token has wrong type');
    if (!Number.isSafeInteger(claims.user_id)) throw new TokenWithoutUser();
    // 0, negative or beyond PostgreSQL's integer: no row has that id (Django's lookup finds none).
    if (!isSerialId(claims.user_id)) throw new TokenUserNotFound();
    const principal = await this.users.findPrincipal(claims.user_id);
    if (!principal) throw new TokenUserNotFound();
    if (!principal.isActive) throw new TokenUserInactive();
    if (typeof claims.iat !== 'number' || claims.iat < principal.tokensValidFrom) {
      throw new InvalidAccessToken('Token was issued before the last password change');
    }
    return principal;
  }

  private accessOf(context: ExecutionContext): Access {
    const handler = context.getHandler();
    let access = this.accessByHandler.get(handler);
    if (access === undefined) {
      const targets = [handler, context.getClass()];
      if (this.reflector.getAllAndOverride<boolean>(IGNORES_CREDENTIALS, targets)) access = 'ignores-credentials';
      else access = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ? 'public' : 'protected';
      this.accessByHandler.set(handler, access);
    }
    return access;
  }
}

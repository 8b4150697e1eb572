import { ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../common/errors/domain-errors.js';
import { accessTokenFrom } from './access-token.js';
import { IGNORES_CREDENTIALS, IS_PUBLIC } from '../common/auth/public.decorator.js';
import { InvalidAccessToken } from './auth.errors.js';

/**
 * The global guard. Protected routes need a valid access token. Public routes let
 * anonymous callers through, but, as DRF does, still reject a token that is present and bad
 * (except on routes marked IgnoresCredentials: simplejwt's token views).
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IGNORES_CREDENTIALS, targets)) return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);
    if (isPublic && accessTokenFrom(context.switchToHttp().getRequest<FastifyRequest>()) === null) return true;
    return super.canActivate(context);
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false, info: unknown): TUser {
    if (error instanceof DomainError) throw error;
    if (user) return user;
    if (info instanceof Error && info.message === 'No auth token') throw new UnauthorizedException();
    if (error) throw error;
    throw new InvalidAccessToken();
  }
}

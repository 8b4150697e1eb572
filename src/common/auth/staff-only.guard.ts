import { applyDecorators, CanActivate, ExecutionContext, Injectable, UnauthorizedException, UseGuards } from '@nestjs/common';
import { ApiForbiddenResponse } from '@nestjs/swagger';
import { PermissionDeniedError } from '../errors/domain-errors.js';
import type { AuthUser } from './auth-user.js';

/**
 * DRF's IsAdminUser for one route: runs after the global JWT guard, so the user (if any)
 * is known. Anonymous callers get 401, authenticated non-staff 403.
 */
@Injectable()
export class StaffOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (!user) throw new UnauthorizedException();
    if (!user.isStaff) throw new PermissionDeniedError();
    return true;
  }
}

/** Restricts a route (or every route of a controller) to staff users (`is_staff`). */
export const StaffOnly = () =>
  applyDecorators(
    UseGuards(StaffOnlyGuard),
    ApiForbiddenResponse({ description: 'The caller is not staff: `{"detail": "You do not have permission to perform this action."}`' }),
  );

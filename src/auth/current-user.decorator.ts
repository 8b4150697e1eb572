import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { User } from '../users/entities/user.entity.js';

/** The authenticated user the JWT guard put on the request (undefined on anonymous public calls). */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): User | undefined => context.switchToHttp().getRequest().user,
);

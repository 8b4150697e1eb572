import { User } from '../users/entities/user.entity.js';
import { RefreshToken } from '../auth/entities/refresh-token.entity.js';

/** Every entity, listed explicitly so the app, tests and the TypeORM CLI see the same set. */
export const entities = [User, RefreshToken];

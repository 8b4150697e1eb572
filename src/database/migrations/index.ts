import { InitialAuth1764201600000 } from './1764201600000-initial-auth.js';

/** Every migration in order; new ones are appended here after `npm run migration:generate`. */
export const migrations = [InitialAuth1764201600000];

import { randomBytes } from 'node:crypto';
import { TestApp } from './test-app.js';
import { createUser, TestUser } from './users.js';

export interface TwoInstances {
  first?: TestApp;
  second?: TestApp;
  /** A staff account (made through the first instance). */
  staff?: TestUser;
}

/**
 * Two app instances on one database with one JWT secret and `settings` (REDIS_URL, say),
 * started before the describe block's tests and closed after them; filled in by beforeAll.
 */
export function twoInstances(settings: Record<string, string>): TwoInstances {
  const instances: TwoInstances = {};
  beforeAll(async () => {
    const shared = { JWT_SECRET: randomBytes(24).toString('hex'), ...settings };
    instances.first = await TestApp.start(shared);
    instances.second = await TestApp.start(shared, { shareDatabaseWith: instances.first });
    instances.staff = await createUser(instances.first, { staff: true });
  });
  afterAll(async () => {
    await instances.second?.close();
    await instances.first?.close();
  });
  return instances;
}

import { REDIS_URL, runRedisTests } from './support/redis.js';
import { TestApp } from './support/test-app.js';
import { createUser } from './support/users.js';

const runWithRedis = await runRedisTests('login throttling shared through Redis (test/redis-throttling.e2e-spec.ts)');

describe.runIf(runWithRedis)('login throttling shared through Redis (REDIS_URL)', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    // Two instances behind one load balancer: same Redis, separate processes' worth of state.
    const settings = { REDIS_URL, LOGIN_FAILURE_LIMIT: '3', LOGIN_FAILURE_WINDOW: '60', TRUST_PROXY: 'true' };
    first = await TestApp.start(settings);
    second = await TestApp.start(settings);
  });

  afterAll(async () => {
    await first.close();
    await second.close();
  });

  it('counts failures made on one instance when another is asked', async () => {
    const user = await createUser(first);
    // A fresh address per run, so earlier runs' counters in the same Redis don't interfere.
    const headers = { 'x-forwarded-for': `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.7` };
    const wrong = { username: user.username, password: 'not-the-password' };

    expect((await first.post('/auth/jwt/create/', wrong, { headers })).status).toBe(401);
    expect((await second.post('/auth/jwt/create/', wrong, { headers })).status).toBe(401);
    expect((await first.post('/auth/jwt/create/', wrong, { headers })).status).toBe(401);

    const locked = await second.post('/auth/jwt/create/', { username: user.username, password: user.password }, { headers });
    expect(locked.status).toBe(429);
    expect(locked.body.detail).toMatch(/^Request was throttled\. Expected available in \d+ seconds\.$/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(60);
  });
});

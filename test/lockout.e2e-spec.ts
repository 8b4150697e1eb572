import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, startBuiltServer } from './support/built-server.js';
import { REDIS_URL, runRedisTests } from './support/redis.js';
import { twoInstances, type TwoInstances } from './support/two-instances.js';
import { createUser, STRONG_PASSWORD, TestUser } from './support/users.js';

/**
 * The JWT guard caches each token's user for under a second. These tests prove the price of
 * that cache is bounded: a deactivated, deleted or password-changed account is refused by
 * every instance and every worker process within one second of the change.
 */

const LOCKOUT_BOUND_MS = 1000;

/** How long after `changedAt` (the change's response) the request first got a 401, polling every 25 ms; Infinity if never. */
async function refusedAfter(request: () => Promise<number>, changedAt: number, timeoutMs = 3000): Promise<number> {
  for (;;) {
    const status = await request();
    const elapsed = performance.now() - changedAt;
    if (status === 401) {
      process.stdout.write(`  refused ${elapsed.toFixed(0)} ms after the change\n`);
      return elapsed;
    }
    if (elapsed > timeoutMs) return Infinity;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function lockoutCases(instances: TwoInstances) {
  /** A user whose token both instances have just accepted (so both have it cached). */
  async function warmUser(): Promise<TestUser> {
    const user = await createUser(instances.first!);
    for (const app of [instances.first!, instances.second!]) expect((await app.get('/cart/', { token: user.access })).status).toBe(200);
    return user;
  }
  const statusOnSecond = (user: TestUser) => async () => (await instances.second!.get('/cart/', { token: user.access })).status;

  it('refuses a deactivated account on the other instance within a second', async () => {
    const user = await warmUser();
    const response = await instances.first!.patch(`/accounts/${user.id}/`, { is_active: false }, { token: instances.staff!.access });
    const changedAt = performance.now();
    expect(response.status).toBe(200);
    expect((await instances.first!.get('/cart/', { token: user.access })).status).toBe(401);
    expect(await refusedAfter(statusOnSecond(user), changedAt)).toBeLessThan(LOCKOUT_BOUND_MS);
  });

  it('refuses a deleted account on the other instance within a second', async () => {
    const user = await warmUser();
    expect((await instances.first!.delete('/auth/users/me/', { current_password: STRONG_PASSWORD }, { token: user.access })).status).toBe(204);
    const changedAt = performance.now();
    expect(await refusedAfter(statusOnSecond(user), changedAt)).toBeLessThan(LOCKOUT_BOUND_MS);
  });

  it('refuses access tokens issued before a password change on the other instance within a second', async () => {
    const user = await warmUser();
    // Access tokens carry whole seconds: the change must come in a later second than the token.
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 10));
    const changed = await instances.first!.post(
      '/auth/users/set_password/',
      { current_password: STRONG_PASSWORD, new_password: 'Quiet-Meadow-77-Lantern' },
      { token: user.access },
    );
    const changedAt = performance.now();
    expect(changed.status).toBe(204);
    expect(await refusedAfter(statusOnSecond(user), changedAt)).toBeLessThan(LOCKOUT_BOUND_MS);
    const fresh = await instances.second!.post('/auth/jwt/create/', { username: user.username, password: 'Quiet-Meadow-77-Lantern' });
    expect((await instances.second!.get('/cart/', { token: fresh.body.access })).status).toBe(200);
  });
}

describe('lock-out across two instances on one database, no Redis (the cache TTL bounds it)', () => {
  lockoutCases(twoInstances({}));
});

describe.runIf(await runRedisTests('lock-out across instances through Redis (test/lockout.e2e-spec.ts)'))(
  'lock-out across two instances sharing PostgreSQL and Redis (invalidated through Redis)',
  () => {
    lockoutCases(twoInstances({ REDIS_URL }));
  },
);

describe('lock-out across WORKERS=2 processes of one server', () => {
  it('refuses a deactivated account in every worker within a second', { timeout: 180_000 }, async () => {
    const port = 18_000 + Math.floor(Math.random() * 2000);
    const dataDir = join(tmpdir(), `storedeal-lockout-${randomBytes(4).toString('hex')}`);
    const settings = { WORKERS: '2', DATA_DIR: dataDir, JWT_SECRET: randomBytes(24).toString('hex') };
    const server = await startBuiltServer(settings, port);
    try {
      // A new connection per request, so the kernel spreads them over both workers.
      const call = (path: string, token?: string, init: RequestInit = {}) =>
        fetch(`${server.url}${path}`, {
          ...init,
          headers: { connection: 'close', 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        });
      const login = async (username: string) => {
        const response = await call('/auth/jwt/create/', undefined, { method: 'POST', body: JSON.stringify({ username, password: STRONG_PASSWORD }) });
        return ((await response.json()) as { access: string }).access;
      };
      const staffName = `worker_staff_${randomBytes(3).toString('hex')}`;
      runCli(['createsuperuser', '--no-input', '--username', staffName, '--email', `${staffName}@example.com`], {
        ...settings,
        SUPERUSER_PASSWORD: STRONG_PASSWORD,
      });
      const staff = await login(staffName);
      const username = `worker_user_${randomBytes(3).toString('hex')}`;
      await call('/auth/users/', undefined, { method: 'POST', body: JSON.stringify({ username, password: STRONG_PASSWORD, re_password: STRONG_PASSWORD }) });
      const user = await login(username);
      const userId = ((await (await call('/auth/users/me/', user)).json()) as { id: number }).id;
      for (let index = 0; index < 20; index += 1) expect((await call('/cart/', user)).status).toBe(200);

      const deactivated = await call(`/accounts/${userId}/`, staff, { method: 'PATCH', body: JSON.stringify({ is_active: false }) });
      const changedAt = performance.now();
      expect(deactivated.status).toBe(200);
      // From a second after the change on, every request is refused, whichever worker takes it.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, LOCKOUT_BOUND_MS - (performance.now() - changedAt))));
      const statuses = await Promise.all(Array.from({ length: 20 }, async () => (await call('/cart/', user)).status));
      expect(statuses).toEqual(statuses.map(() => 401));

      // Both workers had served (and cached) this user before the change: their log lines carry their pids.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const servedBy = new Set(server.lines.filter((line) => line.userId === userId && line.status === 200).map((line) => line.pid));
      expect(servedBy.size).toBe(2);
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

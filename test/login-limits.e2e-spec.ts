import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { insertUser, NO_ACTIVE_ACCOUNT } from './support/auth.js';
import { startBuiltServer } from './support/built-server.js';
import { LogCapture } from './support/log-capture.js';
import { REDIS_URL, runRedisTests } from './support/redis.js';
import { TcpProxy } from './support/tcp-proxy.js';
import { TestApp, TestResponse } from './support/test-app.js';
import { STRONG_PASSWORD, uniqueName } from './support/users.js';

/**
 * jwt/create's limits (src/throttling/login-attempts.service.ts): per username and address,
 * per address and per username, counted before the password is checked, shared by every
 * worker of a server. Addresses are the socket's (TestApp's remoteAddress), no proxy trusted.
 */

const WRONG_PASSWORD = 'Wrong-Password-1';
const THROTTLED = /^Request was throttled\. Expected available in (\d+) seconds\.$/;

// Redis keeps counters between runs: every run's addresses are its own.
const RUN = randomBytes(4).toString('hex');
let addressCounter = 0;
const freshAddress = () => `2001:db8:${RUN.slice(0, 4)}:${RUN.slice(4)}::${(++addressCounter).toString(16)}`;

const loginFrom = (app: TestApp, address: string, username: string, password: string) =>
  app.post('/auth/jwt/create/', { username, password }, { remoteAddress: address });

function expectThrottled(response: TestResponse, windowSeconds: number): void {
  expect(response.status).toBe(429);
  const seconds = Number(THROTTLED.exec(response.body?.detail ?? '')?.[1]);
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(windowSeconds);
  expect(response.headers['retry-after']).toBe(String(seconds));
}

const statusCounts = (responses: TestResponse[]) =>
  responses.reduce<Record<number, number>>((counts, { status }) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {});

/** The default limits (10 per username and address), in memory or in Redis. */
function defaultLimitCases(settings: Record<string, string>, windowSeconds: number) {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start(settings);
  });
  afterAll(async () => {
    await app.close();
  });

  it('evaluates at most LOGIN_FAILURE_LIMIT of 40 simultaneous wrong-password logins; the rest are 429', async () => {
    const user = await insertUser(app);
    const address = freshAddress();
    const responses = await Promise.all(Array.from({ length: 40 }, () => loginFrom(app, address, user.username, WRONG_PASSWORD)));
    expect(statusCounts(responses)).toEqual({ 401: 10, 429: 30 });
    for (const response of responses) {
      if (response.status === 401) expect(response.body).toEqual(NO_ACTIVE_ACCOUNT);
      else expectThrottled(response, windowSeconds);
    }
    expectThrottled(await loginFrom(app, address, user.username, user.password), windowSeconds);
  });

  it("does not lock the owner out: a stranger's 10 failures for alice throttle the stranger's address only", async () => {
    const alice = await insertUser(app);
    const stranger = freshAddress();
    for (let attempt = 0; attempt < 10; attempt++) expect((await loginFrom(app, stranger, alice.username, WRONG_PASSWORD)).status).toBe(401);

    expectThrottled(await loginFrom(app, stranger, alice.username, alice.password), windowSeconds);
    expect((await loginFrom(app, freshAddress(), alice.username, alice.password)).status).toBe(200);
    // The stranger's address is not blocked for other accounts either (10 of its 100 used).
    const bob = await insertUser(app);
    expect((await loginFrom(app, stranger, bob.username, bob.password)).status).toBe(200);
  });
}

describe('login limits, memory store (defaults)', () => {
  defaultLimitCases({}, 900);
});

describe.runIf(await runRedisTests('login limits in Redis (test/login-limits.e2e-spec.ts)'))('login limits, Redis store (defaults)', () => {
  defaultLimitCases({ REDIS_URL, LOGIN_FAILURE_WINDOW: '60' }, 60);
});

/** 3 failures per username and address, 5 per address, 8 per username. */
function perCounterCases(settings: Record<string, string>, windowSeconds: number) {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ LOGIN_FAILURE_LIMIT: '3', LOGIN_ADDRESS_FAILURE_LIMIT: '5', LOGIN_USER_FAILURE_LIMIT: '8', ...settings });
  });
  afterAll(async () => {
    await app.close();
  });

  it('throttles an address after LOGIN_ADDRESS_FAILURE_LIMIT failures across usernames, and only that address', async () => {
    const address = freshAddress();
    for (let attempt = 0; attempt < 5; attempt++) expect((await loginFrom(app, address, uniqueName('ghost'), WRONG_PASSWORD)).status).toBe(401);
    const user = await insertUser(app);
    expectThrottled(await loginFrom(app, address, user.username, user.password), windowSeconds);
    expect((await loginFrom(app, freshAddress(), user.username, user.password)).status).toBe(200);
  });

  it('throttles a username everywhere once many addresses reach LOGIN_USER_FAILURE_LIMIT together', async () => {
    const user = await insertUser(app);
    const addresses = Array.from({ length: 4 }, freshAddress);
    for (const address of addresses) {
      for (let attempt = 0; attempt < 2; attempt++) expect((await loginFrom(app, address, user.username, WRONG_PASSWORD)).status).toBe(401);
    }
    expectThrottled(await loginFrom(app, freshAddress(), user.username, user.password), windowSeconds);
    // Those addresses are not throttled for other accounts (2 of their 5 used).
    const other = await insertUser(app);
    expect((await loginFrom(app, addresses[0], other.username, other.password)).status).toBe(200);
  });

  it("does not count refused attempts: a stranger hammering past the pair limit does not use up the username's ceiling", async () => {
    const user = await insertUser(app);
    const stranger = freshAddress();
    const statuses = [];
    for (let attempt = 0; attempt < 20; attempt++) statuses.push((await loginFrom(app, stranger, user.username, WRONG_PASSWORD)).status);
    expect(statuses).toEqual([401, 401, 401, ...Array(17).fill(429)]);
    expect((await loginFrom(app, freshAddress(), user.username, user.password)).status).toBe(200);
  });

  it('does not count successful logins', async () => {
    const user = await insertUser(app);
    const address = freshAddress();
    for (let attempt = 0; attempt < 10; attempt++) expect((await loginFrom(app, address, user.username, user.password)).status).toBe(200);
  });

  it("clears a username's failures from an address when it logs in from there", async () => {
    const user = await insertUser(app);
    const address = freshAddress();
    for (let round = 0; round < 2; round++) {
      for (let attempt = 0; attempt < 2; attempt++) expect((await loginFrom(app, address, user.username, WRONG_PASSWORD)).status).toBe(401);
      expect((await loginFrom(app, address, user.username, user.password)).status).toBe(200);
    }
  });

  it('counts case and compatibility forms of a username as the same username', async () => {
    const user = await insertUser(app, { username: uniqueName('case') });
    const address = freshAddress();
    const fullwidth = [...user.username].map((char) => (/[a-z]/.test(char) ? String.fromCharCode(char.charCodeAt(0) + 0xfee0) : char)).join('');
    for (const variant of [user.username.toUpperCase(), fullwidth, user.username]) {
      expect((await loginFrom(app, address, variant, WRONG_PASSWORD)).status).toBe(401);
    }
    expectThrottled(await loginFrom(app, address, user.username, user.password), windowSeconds);
  });
}

describe('login limits per address and per username, memory store', () => {
  perCounterCases({}, 900);
});

describe.runIf(await runRedisTests('login limits per address and per username in Redis (test/login-limits.e2e-spec.ts)'))(
  'login limits per address and per username, Redis store',
  () => {
    perCounterCases({ REDIS_URL, LOGIN_FAILURE_WINDOW: '60' }, 60);
  },
);

describe('login limits when the database fails during a login', () => {
  let app: TestApp;
  let proxy: TcpProxy;
  beforeAll(async () => {
    const connectThrough = async (url: string) => {
      const proxied = await TcpProxy.forUrl(url);
      proxy = proxied.proxy;
      return proxied.url;
    };
    app = await TestApp.start({ LOGIN_FAILURE_LIMIT: '2' }, { connectThrough });
  });
  afterAll(async () => {
    await proxy.up();
    await app.close();
  });

  it('does not count an attempt that ended in 503', async () => {
    const user = await insertUser(app);
    const address = freshAddress();
    await proxy.down();
    for (let attempt = 0; attempt < 3; attempt++) expect((await loginFrom(app, address, user.username, WRONG_PASSWORD)).status).toBe(503);
    await proxy.up();
    let response: TestResponse;
    const deadline = Date.now() + 10_000;
    do response = await loginFrom(app, address, user.username, user.password);
    while (response.status === 503 && Date.now() < deadline);
    expect(response.status).toBe(200);
  });
});

describe('login security events in the log', () => {
  const capture = new LogCapture();
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ LOG_LEVEL: 'info', LOGIN_FAILURE_LIMIT: '1' }, { logDestination: capture });
  });
  afterAll(async () => {
    await app.close();
  });

  const securityLines = () => capture.lines.filter((line) => line.context === 'Security');

  it('writes one login_failed line with the username and address, and the password nowhere', async () => {
    const user = await insertUser(app);
    const address = freshAddress();
    const guess = `Guess-${randomBytes(8).toString('hex')}`;
    const before = securityLines().length;
    expect((await loginFrom(app, address, user.username, guess)).status).toBe(401);

    const lines = securityLines().slice(before);
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, event: 'login_failed', username: user.username, address, failures: { username_address: 1, address: 1, username: 1 } }),
    ]);
    expect(JSON.stringify(capture.lines)).not.toContain(guess);
  });

  it('writes one login_throttled line naming the limit, and the password nowhere', async () => {
    const user = await insertUser(app);
    const address = freshAddress();
    expect((await loginFrom(app, address, user.username, WRONG_PASSWORD)).status).toBe(401);
    const before = securityLines().length;
    expectThrottled(await loginFrom(app, address, user.username, user.password), 900);

    const lines = securityLines().slice(before);
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, event: 'login_throttled', username: user.username, address, limit: 'username_address', retryAfter: expect.any(Number) }),
    ]);
    expect(JSON.stringify(capture.lines)).not.toContain(user.password);
  });

  it('writes no security line at info for a successful login', async () => {
    const user = await insertUser(app);
    const before = securityLines().length;
    expect((await loginFrom(app, freshAddress(), user.username, user.password)).status).toBe(200);
    expect(securityLines().slice(before)).toEqual([]);
    expect(JSON.stringify(capture.lines)).not.toContain(STRONG_PASSWORD);
  });
});

describe('login and sensitive-endpoint limits across WORKERS=2 without Redis', () => {
  it('holds LOGIN_FAILURE_LIMIT and SENSITIVE_RATE_LIMIT per server, whichever worker takes a request', { timeout: 180_000 }, async () => {
    const port = 20_000 + Math.floor(Math.random() * 2000);
    const dataDir = join(tmpdir(), `storedeal-login-limits-${randomBytes(4).toString('hex')}`);
    const settings = { WORKERS: '2', DATA_DIR: dataDir, JWT_SECRET: randomBytes(24).toString('hex'), LOGIN_FAILURE_LIMIT: '3', SENSITIVE_RATE_LIMIT: '3' };
    const server = await startBuiltServer(settings, port);
    try {
      // A new connection per request, so the cluster's round robin spreads them over both workers.
      const post = (path: string, body: unknown) =>
        fetch(`${server.url}${path}`, { method: 'POST', headers: { connection: 'close', 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const username = uniqueName('ghost');
      const logins = [];
      for (let attempt = 0; attempt < 6; attempt++) logins.push((await post('/auth/jwt/create/', { username, password: WRONG_PASSWORD })).status);
      expect(logins).toEqual([401, 401, 401, 429, 429, 429]);

      const registrations = [];
      for (let attempt = 0; attempt < 4; attempt++) {
        const name = uniqueName('reg');
        registrations.push((await post('/auth/users/', { username: name, password: STRONG_PASSWORD, re_password: STRONG_PASSWORD })).status);
      }
      expect(registrations).toEqual([201, 201, 201, 429]);

      // Both workers answered each kind of request: their lines carry their pids.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const pidsOf = (path: string) => new Set(server.lines.filter((line) => line.path === path && typeof line.status === 'number').map((line) => line.pid));
      expect(pidsOf('/auth/jwt/create/').size).toBe(2);
      expect(pidsOf('/auth/users/').size).toBe(2);
      expect(server.lines.filter((line) => line.event === 'login_failed' && line.username === username)).toHaveLength(3);
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

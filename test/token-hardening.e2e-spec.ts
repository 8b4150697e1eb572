import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createSuperuser } from '../src/cli/createsuperuser.command.js';
import { flushExpiredTokens } from '../src/cli/flushexpiredtokens.command.js';
import { RefreshToken } from '../src/tokens/entities/refresh-token.entity.js';
import { TokenService } from '../src/tokens/token.service.js';
import {
  appSecret,
  claimsFor,
  decodeJwt,
  expectNoLeak,
  insertUser,
  invalidAccessBody,
  lastMailTo,
  mailsTo,
  NO_ACTIVE_ACCOUNT,
  outbox,
  signJwt,
  TOKEN_BLACKLISTED,
  TOKEN_INVALID,
  uniqueEmail,
  usersTable,
} from './support/auth.js';
import { runCli } from './support/built-server.js';
import { allMailSent } from './support/mail.js';
import { TestApp, TestResponse } from './support/test-app.js';
import { createUser, STRONG_PASSWORD, uniqueName } from './support/users.js';

const USER_NOT_FOUND = { detail: 'User not found', code: 'user_not_found' };
const USERNAME_TAKEN = 'A user with that username already exists.';
const TOO_LONG = 'Ensure this field has no more than 150 characters.';
const NEW_PASSWORD = 'Copper-Lantern-58';
const STALE = invalidAccessBody('Token was issued before the last password change');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const nowSeconds = () => Math.floor(Date.now() / 1000);

function expectStatus(response: TestResponse, status: number, body?: unknown): void {
  expect(response.status, response.text).toBe(status);
  if (body !== undefined) expect(response.body).toEqual(body);
  expectNoLeak(response);
}

/** `admin` → `ａｄｍｉｎ`: the fullwidth forms of ASCII, which NFKC maps back. */
function fullwidth(text: string): string {
  return [...text].map((char) => String.fromCodePoint(char.codePointAt(0)! - 0x21 + 0xff01)).join('');
}

/** Waits, when needed, for the next second to begin, so what follows happens early in one second. */
async function earlyInASecond(): Promise<void> {
  const intoSecond = Date.now() % 1000;
  if (intoSecond > 50) await sleep(1000 - intoSecond + 5);
}

describe('token and account hardening', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start(
      {
        LOGIN_FAILURE_LIMIT: '100000',
        SUPERUSER_PASSWORD: STRONG_PASSWORD,
        // Refresh tokens issued before an hour ago count as the Django Storedeal's (adopted on use).
        DJANGO_TOKENS_ISSUED_BEFORE: new Date(Date.now() - 3600_000).toISOString(),
      },
      // The purge test counts rows: no other test file's refresh tokens in this database.
      { freshDatabase: true },
    );
  });
  afterAll(async () => {
    await app.close();
  });

  const forge = (claims: Record<string, unknown>) => signJwt(claims, appSecret(app));
  const me = (token: string) => app.get('/auth/users/me/', { token });
  const login = (username: string, password: string) => app.post('/auth/jwt/create/', { username, password });
  const refreshTable = () => app.app.get(DataSource).getRepository(RefreshToken);

  describe('strict token claims', () => {
    it('refuses a token without exp, at jwt/verify and on a protected endpoint', async () => {
      const user = await insertUser(app);
      const { exp: _exp, ...withoutExp } = claimsFor(user.id, 'access');
      const token = forge(withoutExp);
      expectStatus(await me(token), 401, invalidAccessBody());
      expectStatus(await app.post('/auth/jwt/verify/', { token }), 401, TOKEN_INVALID);
    });

    it('refuses a token issued more than 5 seconds in the future, and accepts one within that leeway', async () => {
      const user = await insertUser(app);
      const future = forge(claimsFor(user.id, 'access', { iat: nowSeconds() + 60 }));
      expectStatus(await me(future), 401, invalidAccessBody());
      expectStatus(await app.post('/auth/jwt/verify/', { token: future }), 401, TOKEN_INVALID);

      const skewed = forge(claimsFor(user.id, 'access', { iat: nowSeconds() + 3 }));
      expectStatus(await me(skewed), 200, { email: '', id: user.id, username: user.username });
    });

    it.each([2147483648, 0, -1])('answers user_id %d, which no row can have, with 401 "User not found"', async (userId) => {
      expectStatus(await me(forge(claimsFor(userId, 'access'))), 401, USER_NOT_FOUND);
      expectStatus(await app.post('/auth/jwt/verify/', { token: forge(claimsFor(userId, 'access')) }), 401, TOKEN_INVALID);
      expectStatus(await app.post('/auth/jwt/refresh/', { refresh: forge(claimsFor(userId, 'refresh')) }), 401, TOKEN_INVALID);
      // A Django-era refresh token is recorded on first use: with this user_id that insert would fail.
      const djangoEra = forge(claimsFor(userId, 'refresh', { iat: nowSeconds() - 7200, lifetime: 86400 }));
      expectStatus(await app.post('/auth/jwt/refresh/', { refresh: djangoEra }), 401, TOKEN_INVALID);
    });

    it("refuses a refresh token naming another user with a jti recorded for someone else's token", async () => {
      const owner = await createUser(app);
      const other = await insertUser(app);
      const { jti, exp, iat } = decodeJwt(owner.refresh).payload;
      const borrowed = forge({ token_type: 'refresh', exp, iat, jti, user_id: other.id });

      expectStatus(await app.post('/auth/jwt/refresh/', { refresh: borrowed }), 401, TOKEN_INVALID);
      expectStatus(await app.post('/auth/jwt/verify/', { token: borrowed }), 401, TOKEN_INVALID);
      expectStatus(await app.post('/auth/jwt/blacklist/', { refresh: borrowed }), 401, TOKEN_INVALID);
      // The owner's own token is untouched.
      expectStatus(await app.post('/auth/jwt/refresh/', { refresh: owner.refresh }), 200);
    });
  });

  describe('Cache-Control: no-store', () => {
    const expectNoStore = (response: TestResponse, status = 200) => {
      expectStatus(response, status);
      expect(response.headers['cache-control']).toBe('no-store');
    };

    it('is sent with every token from jwt/create and jwt/refresh', async () => {
      const user = await insertUser(app);
      const created = await login(user.username, user.password);
      expectNoStore(created);
      expectNoStore(await app.post('/auth/jwt/refresh/', { refresh: created.body.refresh }));
    });

    it('is sent with personal data under /auth/users/ and /accounts/', async () => {
      const username = uniqueName('nostore');
      expectNoStore(await app.post('/auth/users/', { username, password: STRONG_PASSWORD, re_password: STRONG_PASSWORD }), 201);
      const user = await createUser(app, { email: uniqueEmail('nostore') });
      expectNoStore(await me(user.access));
      expectNoStore(await app.put('/auth/users/me/', { email: uniqueEmail('put') }, { token: user.access }));
      expectNoStore(await app.patch('/auth/users/me/', { email: uniqueEmail('patch') }, { token: user.access }));
      expectNoStore(await app.get('/auth/users/', { token: user.access }));
      expectNoStore(await app.get(`/auth/users/${user.id}/`, { token: user.access }));

      const staff = await createUser(app, { staff: true });
      expectNoStore(await app.get('/accounts/', { token: staff.access }));
      expectNoStore(await app.get(`/accounts/${user.id}/`, { token: staff.access }));
    });
  });

  describe('access tokens issued before a password change', () => {
    const changedAt = async (userId: number) => (await usersTable(app).findOneByOrFail({ id: userId })).passwordChangedAt!.getTime();

    /**
     * After a change at `changed` (ms): a token of that second is refused, even one issued after
     * the change within it; the answer came only once that second was over; a token from a
     * login after the answer works at once.
     */
    const expectCutOff = async (user: { id: number; username: string }, changed: number, answeredAt: number) => {
      const second = Math.floor(changed / 1000);
      expectStatus(await me(forge(claimsFor(user.id, 'access', { iat: second }))), 401, STALE);
      expect(answeredAt).toBeGreaterThanOrEqual((second + 1) * 1000);
      const fresh = await login(user.username, NEW_PASSWORD);
      expectStatus(fresh, 200);
      expectStatus(await me(fresh.body.access), 200);
    };

    it('refuses the old access token after set_password', async () => {
      const user = await createUser(app);
      await earlyInASecond();
      const session = await login(user.username, user.password);
      expectStatus(await me(session.body.access), 200);
      const changed = await app.post('/auth/users/set_password/', { current_password: user.password, new_password: NEW_PASSWORD }, { token: session.body.access });
      const answeredAt = Date.now();
      expect(changed.status, changed.text).toBe(204);

      for (const token of [user.access, session.body.access]) expectStatus(await me(token), 401, STALE);
      await expectCutOff(user, await changedAt(user.id), answeredAt);
    });

    it('refuses the old access token after reset_password_confirm', async () => {
      const email = uniqueEmail('stale');
      const user = await createUser(app, { email });
      expectStatus(await app.post('/auth/users/reset_password/', { email }), 204);
      await allMailSent(app);
      const { uid, token } = lastMailTo(app, email);
      await earlyInASecond();
      const session = await login(user.username, user.password);
      const confirmed = await app.post('/auth/users/reset_password_confirm/', { uid, token, new_password: NEW_PASSWORD });
      const answeredAt = Date.now();
      expect(confirmed.status, confirmed.text).toBe(204);

      for (const access of [user.access, session.body.access]) expectStatus(await me(access), 401, STALE);
      await expectCutOff(user, await changedAt(user.id), answeredAt);
    });
  });

  describe('NFKC usernames', () => {
    it('refuses set_username to a fullwidth twin of a taken name, and stores a new name normalised', async () => {
      const taken = await createUser(app);
      const user = await createUser(app);
      const rename = (newUsername: string) =>
        app.post('/auth/users/set_username/', { current_password: user.password, new_username: newUsername }, { token: user.access });

      expectStatus(await rename(fullwidth(taken.username)), 400, { new_username: [USERNAME_TAKEN] });
      const wanted = uniqueName('wide');
      expectStatus(await rename(fullwidth(wanted)), 204);
      expectStatus(await me(user.access), 200, { email: '', id: user.id, username: wanted });
      expect(await usersTable(app).countBy({ username: fullwidth(wanted) })).toBe(0);
    });

    it('checks the length after normalising: 150 "ﬁ" ligatures are 300 characters', async () => {
      const user = await createUser(app);
      const ligatures = '\ufb01'.repeat(150);
      expectStatus(
        await app.post('/auth/users/set_username/', { current_password: user.password, new_username: ligatures }, { token: user.access }),
        400,
        { new_username: [TOO_LONG] },
      );
      expectStatus(await app.post('/auth/users/', { username: ligatures, password: STRONG_PASSWORD, re_password: STRONG_PASSWORD }), 400, {
        username: [TOO_LONG],
      });
    });

    it('refuses reset_username_confirm to a fullwidth twin of a taken name', async () => {
      const taken = await createUser(app);
      const email = uniqueEmail('wide');
      await createUser(app, { email });
      expectStatus(await app.post('/auth/users/reset_username/', { email }), 204);
      await allMailSent(app);
      const { uid, token } = lastMailTo(app, email);
      expectStatus(await app.post('/auth/users/reset_username_confirm/', { uid, token, new_username: fullwidth(taken.username) }), 400, {
        new_username: [USERNAME_TAKEN],
      });
    });

    it('normalises the name createsuperuser is given before checking it', async () => {
      const taken = await createUser(app);
      const say = vi.fn();
      await expect(createSuperuser(app.app, { noInput: true, username: fullwidth(taken.username) }, say)).rejects.toThrow(USERNAME_TAKEN);
      await expect(createSuperuser(app.app, { noInput: true, username: '\ufb01'.repeat(150) }, say)).rejects.toThrow(TOO_LONG);

      const wanted = uniqueName('super');
      await createSuperuser(app.app, { noInput: true, username: fullwidth(wanted) }, say);
      expect(say).toHaveBeenCalledWith('Superuser created successfully.');
      expect(await usersTable(app).findOneByOrFail({ username: wanted })).toMatchObject({ isStaff: true, isSuperuser: true });
    });

    it('looks the login name up as given, as Django\'s ModelBackend does: a fullwidth twin does not log in', async () => {
      const user = await createUser(app);
      expectStatus(await login(fullwidth(user.username), user.password), 401, NO_ACTIVE_ACCOUNT);
      expectStatus(await login(user.username, user.password), 200);
    });
  });

  describe('e-mail change notice', () => {
    it('mails the old address, with the new one masked, when PATCH or PUT users/me/ changes it', async () => {
      const oldEmail = uniqueEmail('old');
      const user = await createUser(app, { email: oldEmail });
      const newEmail = uniqueEmail('new');
      expectStatus(await app.patch('/auth/users/me/', { email: newEmail }, { token: user.access }), 200);
      await allMailSent(app);

      const notices = mailsTo(app, oldEmail);
      expect(notices).toHaveLength(1);
      expect(notices[0].subject).toBe(`Email address changed for ${user.username}`);
      expect(notices[0].text).toContain(`was changed from ${oldEmail} to n***@example.com`);
      expect(notices[0].text).not.toContain(newEmail);

      // The same address again changes nothing and sends nothing; a change by PUT is told too.
      expectStatus(await app.put('/auth/users/me/', { email: newEmail }, { token: user.access }), 200);
      const newest = uniqueEmail('newest');
      expectStatus(await app.put('/auth/users/me/', { email: newest }, { token: user.access }), 200);
      await allMailSent(app);
      expect(mailsTo(app, oldEmail)).toHaveLength(1);
      expect(mailsTo(app, newEmail)).toHaveLength(1);
      expect(mailsTo(app, newest)).toHaveLength(0);
    });

    it('sends nothing when the account had no address', async () => {
      const user = await createUser(app);
      const before = outbox(app).length;
      expectStatus(await app.patch('/auth/users/me/', { email: uniqueEmail('first') }, { token: user.access }), 200);
      await allMailSent(app);
      expect(outbox(app)).toHaveLength(before);
    });
  });

  describe('expired refresh-token records', () => {
    const record = (userId: number, expiresInSeconds: number) =>
      refreshTable().insert({
        jti: randomBytes(16).toString('hex'),
        userId,
        expiresAt: new Date(Date.now() + expiresInSeconds * 1000),
        parentJti: null,
      });

    it('TokenService.flushExpired deletes the expired records only, and says how many', async () => {
      const user = await insertUser(app);
      await record(user.id, -60);
      await record(user.id, -1);
      await record(user.id, 3600);
      expect(await app.app.get(TokenService).flushExpired()).toBe(2);
      expect(await refreshTable().countBy({ userId: user.id })).toBe(1);
      expect(await app.app.get(TokenService).flushExpired()).toBe(0);
    });

    it('flushexpiredtokens deletes them and prints the count', async () => {
      const user = await insertUser(app);
      await record(user.id, -5);
      const say = vi.fn();
      await flushExpiredTokens(app.app, say);
      expect(say).toHaveBeenCalledWith('Deleted 1 expired refresh token.');
      await flushExpiredTokens(app.app, say);
      expect(say).toHaveBeenLastCalledWith('Deleted 0 expired refresh tokens.');
      expect(await refreshTable().countBy({ userId: user.id })).toBe(0);
    });
  });
});

describe('refresh rotation: reuse of a spent token', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ JWT_ROTATE_REFRESH_TOKENS: 'true', LOGIN_FAILURE_LIMIT: '100000' });
  });
  afterAll(async () => {
    await app.close();
  });

  const refresh = (token: string) => app.post('/auth/jwt/refresh/', { refresh: token });

  it('revokes every token issued from it: r1 → r2 → r3, then r1 again refuses r2 and r3 too', async () => {
    const user = await createUser(app);
    const otherSession = await app.post('/auth/jwt/create/', { username: user.username, password: user.password });
    const r1 = user.refresh;
    const second = await refresh(r1);
    expectStatus(second, 200);
    const r2 = second.body.refresh as string;
    const third = await refresh(r2);
    expectStatus(third, 200);
    const r3 = third.body.refresh as string;

    expectStatus(await refresh(r1), 401, TOKEN_BLACKLISTED);
    expectStatus(await refresh(r2), 401, TOKEN_BLACKLISTED);
    expectStatus(await refresh(r3), 401, TOKEN_BLACKLISTED);
    expectStatus(await app.post('/auth/jwt/verify/', { token: r3 }), 401, TOKEN_BLACKLISTED);
    // A session that did not descend from r1 goes on.
    expectStatus(await refresh(otherSession.body.refresh), 200);
  });

  it('revokes the winner of two concurrent refreshes of one token too', async () => {
    const user = await createUser(app);
    const results = await Promise.all([refresh(user.refresh), refresh(user.refresh)]);
    expect(results.map((response) => response.status).sort()).toEqual([200, 401]);
    const winner = results.find((response) => response.status === 200)!;
    expectStatus(await refresh(winner.body.refresh), 401, TOKEN_BLACKLISTED);
  });
});

describe('account mail is sent after the answer', () => {
  let smtp: Server;
  const connections = new Set<Socket>();
  let app: TestApp;
  beforeAll(async () => {
    // An SMTP server that accepts connections and never says a word: a send hangs on it.
    smtp = createServer((socket) => connections.add(socket));
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const { port } = smtp.address() as { port: number };
    app = await TestApp.start({ SMTP_URL: `smtp://127.0.0.1:${port}`, SEND_ACTIVATION_EMAIL: 'true' });
  });
  afterAll(async () => {
    // Hung sends fail at once when their connection goes, so the app closes without waiting.
    for (const socket of connections) socket.destroy();
    await new Promise((resolve) => smtp.close(resolve));
    await app?.close();
  });

  /** The answer, or a failure once `ms` passed without one. */
  const within = <T>(ms: number, request: Promise<T>) =>
    Promise.race([request, sleep(ms).then(() => Promise.reject(new Error(`no answer within ${ms} ms`)))]);

  it.each([
    ['reset_password', true],
    ['reset_username', true],
    ['resend_activation', false],
  ] as const)('answers %s for a known address at once while the SMTP server hangs', async (endpoint, active) => {
    const email = uniqueEmail(endpoint);
    await insertUser(app, { email, isActive: active });
    const before = connections.size;
    const response = await within(2000, app.post(`/auth/users/${endpoint}/`, { email }));
    expect(response.status, response.text).toBe(204);
    // The mail did go out to the server after the answer.
    for (let waited = 0; connections.size === before && waited < 2000; waited += 50) await sleep(50);
    expect(connections.size).toBeGreaterThan(before);
  });
});

describe('npm run cli -- flushexpiredtokens', () => {
  it('runs as a command of the built CLI', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'storedeal-flush-'));
    try {
      const output = runCli(['flushexpiredtokens'], { DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'test', LOG_LEVEL: 'silent' });
      expect(output.trim()).toBe('Deleted 0 expired refresh tokens.');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});

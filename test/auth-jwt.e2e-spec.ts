import { createHmac } from 'node:crypto';
import argon2 from 'argon2';
import {
  appSecret,
  claimsFor,
  decodeJwt,
  djangoPbkdf2Hash,
  expectNoLeak,
  insertUser,
  invalidAccessBody,
  NO_ACTIVE_ACCOUNT,
  NOT_AUTHENTICATED,
  signJwt,
  TOKEN_BLACKLISTED,
  TOKEN_INVALID,
  unsignedJwt,
  usersTable,
} from './support/auth.js';
import { TestApp, TestResponse } from './support/test-app.js';
import { createUser, STRONG_PASSWORD, uniqueName } from './support/users.js';

const TOKEN_WRONG_TYPE = { detail: 'Token has wrong type', code: 'token_not_valid' };
const THROTTLED = /^Request was throttled\. Expected available in (\d+) seconds\.$/;

function expectUnauthenticated(response: TestResponse, body: unknown): void {
  expect(response.status).toBe(401);
  expect(response.body).toEqual(body);
  expect(response.headers['www-authenticate']).toBe('Bearer realm="api"');
  expectNoLeak(response);
}

/** A 429 with DRF's wording whose N matches Retry-After. */
function expectThrottled(response: TestResponse, maxSeconds: number): void {
  expect(response.status).toBe(429);
  const match = THROTTLED.exec(response.body?.detail ?? '');
  expect(match, `unexpected body ${response.text}`).not.toBeNull();
  const seconds = Number(match![1]);
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(maxSeconds);
  expect(response.headers['retry-after']).toBe(String(seconds));
}

describe('auth: JWT endpoints (default settings)', () => {
  let app: TestApp;
  beforeAll(async () => {
    // Many tests here fail logins on purpose, all from 127.0.0.1; the throttle has its own suite.
    app = await TestApp.start({ LOGIN_FAILURE_LIMIT: '100000' });
  });
  afterAll(async () => {
    await app.close();
  });

  const login = (username: unknown, password: unknown) => app.post('/auth/jwt/create/', { username, password });

  describe('POST /auth/jwt/create/', () => {
    it('returns a refresh and an access token, HS256 with simplejwt claims and default lifetimes', async () => {
      const user = await createUser(app);
      const response = await login(user.username, user.password);

      expect(response.status).toBe(200);
      expect(Object.keys(response.body).sort()).toEqual(['access', 'refresh']);
      const access = decodeJwt(response.body.access);
      const refresh = decodeJwt(response.body.refresh);
      for (const token of [access, refresh]) {
        expect(token.header).toMatchObject({ alg: 'HS256', typ: 'JWT' });
        expect(Object.keys(token.payload).sort()).toEqual(['exp', 'iat', 'jti', 'token_type', 'user_id']);
        expect(token.payload.user_id).toBe(user.id);
        expect(token.payload.jti).toMatch(/^[0-9a-f]{32}$/);
        expect(Math.abs(Number(token.payload.iat) - Date.now() / 1000)).toBeLessThan(30);
      }
      expect(access.payload.token_type).toBe('access');
      expect(refresh.payload.token_type).toBe('refresh');
      expect(Number(access.payload.exp) - Number(access.payload.iat)).toBe(300);
      expect(Number(refresh.payload.exp) - Number(refresh.payload.iat)).toBe(86400);
      expect(access.payload.jti).not.toBe(refresh.payload.jti);
    });

    it('signs with the configured secret (the signature checks out with HMAC-SHA256)', async () => {
      const user = await createUser(app);
      const [header, payload, signature] = user.access.split('.');
      const expected = createHmac('sha256', appSecret(app)).update(`${header}.${payload}`).digest('base64url');
      expect(signature).toBe(expected);
    });

    it('works without the trailing slash', async () => {
      const user = await createUser(app);
      const response = await app.post('/auth/jwt/create', { username: user.username, password: user.password });
      expect(response.status).toBe(200);
      expect(response.body.access).toEqual(expect.any(String));
    });

    it('answers 400 with a field map when fields are missing, blank or null', async () => {
      const missing = await app.post('/auth/jwt/create/', {});
      expect(missing.status).toBe(400);
      expect(missing.body).toEqual({ username: ['This field is required.'], password: ['This field is required.'] });

      const onlyUsername = await app.post('/auth/jwt/create/', { username: 'someone' });
      expect(onlyUsername.status).toBe(400);
      expect(onlyUsername.body).toEqual({ password: ['This field is required.'] });

      const blank = await login('', '');
      expect(blank.status).toBe(400);
      expect(blank.body).toEqual({ username: ['This field may not be blank.'], password: ['This field may not be blank.'] });

      const nulls = await login(null, null);
      expect(nulls.status).toBe(400);
      expect(nulls.body).toEqual({ username: ['This field may not be null.'], password: ['This field may not be null.'] });
    });

    it('answers 401 "No active account" for a wrong password, an unknown user and an inactive user alike', async () => {
      const user = await createUser(app);
      expectUnauthenticated(await login(user.username, 'Not-The-Password-42'), NO_ACTIVE_ACCOUNT);
      expectUnauthenticated(await login(uniqueName('ghost'), STRONG_PASSWORD), NO_ACTIVE_ACCOUNT);

      const inactive = await insertUser(app, { isActive: false });
      expectUnauthenticated(await login(inactive.username, inactive.password), NO_ACTIVE_ACCOUNT);
    });

    it('matches usernames exactly (case-sensitively, as Django does)', async () => {
      const user = await createUser(app);
      expectUnauthenticated(await login(user.username.toUpperCase(), user.password), NO_ACTIVE_ACCOUNT);
    });

    it('ignores a stale Authorization header (simplejwt token views do no authentication)', async () => {
      const user = await createUser(app);
      const headers = { authorization: 'Bearer not-a-token' };
      const created = await app.post('/auth/jwt/create/', { username: user.username, password: user.password }, { headers });
      expect(created.status).toBe(200);
      const refreshed = await app.post('/auth/jwt/refresh/', { refresh: user.refresh }, { headers });
      expect(refreshed.status).toBe(200);
      const verified = await app.post('/auth/jwt/verify/', { token: user.access }, { headers });
      expect(verified.status).toBe(200);
    });
  });

  describe('logging in with a hash imported from Django', () => {
    it('accepts a pbkdf2_sha256 hash and upgrades it to argon2id', async () => {
      const password = 'Imported-Django-77';
      const user = await insertUser(app, { password, hash: djangoPbkdf2Hash(password, 1000) });

      expectUnauthenticated(await login(user.username, 'Wrong-Password-77'), NO_ACTIVE_ACCOUNT);
      expect((await usersTable(app).findOneByOrFail({ id: user.id })).password).toMatch(/^pbkdf2_sha256\$1000\$/);

      const response = await login(user.username, password);
      expect(response.status).toBe(200);
      expect(decodeJwt(response.body.access).payload.user_id).toBe(user.id);

      const stored = await usersTable(app).findOneByOrFail({ id: user.id });
      expect(stored.password).toMatch(/^\$argon2id\$/);
      // simplejwt's default UPDATE_LAST_LOGIN=False: logging in leaves last_login alone.
      expect(stored.lastLogin).toBeNull();

      // The upgraded hash keeps working.
      expect((await login(user.username, password)).status).toBe(200);
    });

    it("accepts Django's argon2 hash (argon2$argon2id$…) and rewrites it in this app's format", async () => {
      const password = 'Imported-Argon-88';
      const djangoHash = `argon2${await argon2.hash(password, { type: argon2.argon2id })}`;
      expect(djangoHash).toMatch(/^argon2\$argon2id\$/);
      const user = await insertUser(app, { password, hash: djangoHash });

      expect((await login(user.username, password)).status).toBe(200);
      expect((await usersTable(app).findOneByOrFail({ id: user.id })).password).toMatch(/^\$argon2id\$/);
    });
  });

  describe('POST /auth/jwt/refresh/', () => {
    it('returns only a new access token for the same user', async () => {
      const user = await createUser(app);
      const response = await app.post('/auth/jwt/refresh/', { refresh: user.refresh });
      expect(response.status).toBe(200);
      expect(Object.keys(response.body)).toEqual(['access']);
      const access = decodeJwt(response.body.access).payload;
      expect(access).toMatchObject({ token_type: 'access', user_id: user.id });
      expect(Number(access.exp) - Number(access.iat)).toBe(300);

      const me = await app.get('/auth/users/me/', { token: response.body.access });
      expect(me.status).toBe(200);
      expect(me.body.id).toBe(user.id);
    });

    it('answers 401 token_not_valid for garbage, an expired token, a forged token and an access token', async () => {
      const user = await createUser(app);
      const expired = signJwt(claimsFor(user.id, 'refresh', { iat: Math.floor(Date.now() / 1000) - 7200, lifetime: 3600 }), appSecret(app));
      const forged = signJwt(claimsFor(user.id, 'refresh'), 'another-secret-that-is-long-enough-000');
      for (const refresh of ['garbage', 'a.b.c', expired, forged, unsignedJwt(claimsFor(user.id, 'refresh'))]) {
        expectUnauthenticated(await app.post('/auth/jwt/refresh/', { refresh }), TOKEN_INVALID);
      }
    });

    it('answers simplejwt\'s "Token has wrong type" for an access token, and an expired one as expired', async () => {
      const user = await createUser(app);
      expectUnauthenticated(await app.post('/auth/jwt/refresh/', { refresh: user.access }), TOKEN_WRONG_TYPE);
      const expiredAccess = signJwt(claimsFor(user.id, 'access', { iat: Math.floor(Date.now() / 1000) - 7200, lifetime: 300 }), appSecret(app));
      expectUnauthenticated(await app.post('/auth/jwt/refresh/', { refresh: expiredAccess }), TOKEN_INVALID);
    });

    it('answers 400 when the refresh field is missing or blank', async () => {
      const missing = await app.post('/auth/jwt/refresh/', {});
      expect(missing.status).toBe(400);
      expect(missing.body).toEqual({ refresh: ['This field is required.'] });
      const blank = await app.post('/auth/jwt/refresh/', { refresh: '' });
      expect(blank.status).toBe(400);
      expect(blank.body).toEqual({ refresh: ['This field may not be blank.'] });
    });

    it('answers "Token is blacklisted" for a blacklisted refresh token', async () => {
      const user = await createUser(app);
      expect((await app.post('/auth/jwt/blacklist/', { refresh: user.refresh })).status).toBe(200);
      expectUnauthenticated(await app.post('/auth/jwt/refresh/', { refresh: user.refresh }), TOKEN_BLACKLISTED);
    });

    it('refuses the refresh token of a deactivated user', async () => {
      const user = await createUser(app);
      await usersTable(app).update({ id: user.id }, { isActive: false });
      const response = await app.post('/auth/jwt/refresh/', { refresh: user.refresh });
      expect(response.status).toBe(401);
      // simplejwt raises DRF's AuthenticationFailed here: a detail and nothing else.
      expect(response.body).toEqual({ detail: 'No active account found for the given token.' });
    });

    it('refuses the refresh token of a deleted user', async () => {
      const user = await createUser(app);
      await usersTable(app).delete({ id: user.id });
      const response = await app.post('/auth/jwt/refresh/', { refresh: user.refresh });
      expect(response.status).toBe(401);
      expectNoLeak(response);
    });
  });

  describe('POST /auth/jwt/verify/', () => {
    it('answers 200 {} for a valid access token and a valid refresh token', async () => {
      const user = await createUser(app);
      for (const token of [user.access, user.refresh]) {
        const response = await app.post('/auth/jwt/verify/', { token });
        expect(response.status).toBe(200);
        expect(response.body).toEqual({});
      }
    });

    it('answers 401 token_not_valid for bad tokens', async () => {
      const user = await createUser(app);
      const secret = appSecret(app);
      const expired = signJwt(claimsFor(user.id, 'access', { iat: Math.floor(Date.now() / 1000) - 600, lifetime: 300 }), secret);
      const forged = signJwt(claimsFor(user.id, 'access'), 'another-secret-that-is-long-enough-000');
      const tampered = `${user.access.slice(0, -4)}${user.access.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
      for (const token of ['garbage', expired, forged, tampered, unsignedJwt(claimsFor(user.id, 'access'))]) {
        expectUnauthenticated(await app.post('/auth/jwt/verify/', { token }), TOKEN_INVALID);
      }
    });

    it('answers 400 when the token field is missing', async () => {
      const response = await app.post('/auth/jwt/verify/', {});
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ token: ['This field is required.'] });
    });
  });

  describe('POST /auth/jwt/blacklist/', () => {
    it('answers 200 {} once, then 401 "Token is blacklisted"', async () => {
      const user = await createUser(app);
      const first = await app.post('/auth/jwt/blacklist/', { refresh: user.refresh });
      expect(first.status).toBe(200);
      expect(first.body).toEqual({});
      expectUnauthenticated(await app.post('/auth/jwt/blacklist/', { refresh: user.refresh }), TOKEN_BLACKLISTED);
    });

    it('leaves the access token and other sessions alone', async () => {
      const user = await createUser(app);
      const otherSession = await login(user.username, user.password);
      await app.post('/auth/jwt/blacklist/', { refresh: user.refresh });
      expect((await app.get('/auth/users/me/', { token: user.access })).status).toBe(200);
      expect((await app.post('/auth/jwt/refresh/', { refresh: otherSession.body.refresh })).status).toBe(200);
    });

    it('answers 401 token_not_valid for an access token ("Token has wrong type") or garbage', async () => {
      const user = await createUser(app);
      expectUnauthenticated(await app.post('/auth/jwt/blacklist/', { refresh: user.access }), TOKEN_WRONG_TYPE);
      expectUnauthenticated(await app.post('/auth/jwt/blacklist/', { refresh: 'garbage' }), TOKEN_INVALID);
      // Nothing was blacklisted: the session goes on.
      expect((await app.post('/auth/jwt/refresh/', { refresh: user.refresh })).status).toBe(200);
    });
  });

  describe('authentication on protected endpoints', () => {
    it('accepts both the Bearer and the JWT prefix', async () => {
      const user = await createUser(app);
      for (const authorization of [`Bearer ${user.access}`, `JWT ${user.access}`]) {
        const response = await app.get('/auth/users/me/', { headers: { authorization } });
        expect(response.status).toBe(200);
        expect(response.body).toEqual({ email: '', id: user.id, username: user.username });
      }
    });

    it('treats a missing header or another prefix as no credentials', async () => {
      const user = await createUser(app);
      expectUnauthenticated(await app.get('/auth/users/me/'), NOT_AUTHENTICATED);
      for (const authorization of [`Token ${user.access}`, `Basic ${Buffer.from('a:b').toString('base64')}`, `bearer ${user.access}`, user.access]) {
        expectUnauthenticated(await app.get('/auth/users/me/', { headers: { authorization } }), NOT_AUTHENTICATED);
      }
    });

    it('refuses our scheme without exactly one token, as simplejwt does (bad_authorization_header)', async () => {
      const user = await createUser(app);
      const bad = { detail: 'Authorization header must contain two space-delimited values', code: 'bad_authorization_header' };
      for (const authorization of ['Bearer', 'JWT  ', `Bearer ${user.access} extra`]) {
        expectUnauthenticated(await app.get('/auth/users/me/', { headers: { authorization } }), bad);
        // Public endpoints authenticate a header that is present too, as DRF does.
        expectUnauthenticated(await app.get('/products/', { headers: { authorization } }), bad);
      }
      // The token views ignore credentials entirely (simplejwt's authentication_classes = ()).
      const login = await app.post('/auth/jwt/create/', { username: user.username, password: user.password }, { headers: { authorization: 'Bearer' } });
      expect(login.status).toBe(200);
    });

    it('rejects garbage and forged tokens with simplejwt\'s body', async () => {
      const user = await createUser(app);
      const secret = appSecret(app);
      const claims = claimsFor(user.id, 'access');
      const otherSecret = signJwt(claims, 'another-secret-that-is-long-enough-000');
      const hs512Signed = (() => {
        const input = `${Buffer.from(JSON.stringify({ alg: 'HS512', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
        return `${input}.${createHmac('sha512', secret).update(input).digest('base64url')}`;
      })();
      for (const token of ['garbage', otherSecret, unsignedJwt(claims), hs512Signed]) {
        expectUnauthenticated(await app.get('/auth/users/me/', { token }), invalidAccessBody());
      }
      // The same claims signed properly do work: the rejections above are about the signature.
      expect((await app.get('/auth/users/me/', { token: signJwt(claims, secret) })).status).toBe(200);
    });

    it('rejects an expired access token', async () => {
      const user = await createUser(app);
      const expired = signJwt(claimsFor(user.id, 'access', { iat: Math.floor(Date.now() / 1000) - 301, lifetime: 300 }), appSecret(app));
      expectUnauthenticated(await app.get('/auth/users/me/', { token: expired }), invalidAccessBody());
    });

    it('rejects a refresh token used as an access token ("Token has wrong type")', async () => {
      const user = await createUser(app);
      const response = await app.get('/auth/users/me/', { token: user.refresh });
      expectUnauthenticated(response, invalidAccessBody('Token has wrong type'));
      expect(response.body.messages[0].message).toBe('Token has wrong type');
    });

    it("rejects a deleted user's token and a deactivated user's token", async () => {
      const deleted = await createUser(app);
      await usersTable(app).delete({ id: deleted.id });
      expectUnauthenticated(await app.get('/auth/users/me/', { token: deleted.access }), { detail: 'User not found', code: 'user_not_found' });

      const deactivated = await createUser(app);
      await usersTable(app).update({ id: deactivated.id }, { isActive: false });
      expectUnauthenticated(await app.get('/auth/users/me/', { token: deactivated.access }), { detail: 'User is inactive', code: 'user_inactive' });
    });

    it('rejects a bad token even on a public endpoint, as DRF does', async () => {
      const response = await app.post(
        '/auth/users/',
        { username: uniqueName(), password: STRONG_PASSWORD, re_password: STRONG_PASSWORD },
        { token: 'garbage' },
      );
      expectUnauthenticated(response, invalidAccessBody());
    });
  });

  describe('sessions after a password change', () => {
    it('blacklists every refresh token the user had, and the new password logs in', async () => {
      const user = await createUser(app);
      const secondSession = await login(user.username, user.password);
      const newPassword = 'Copper-Lantern-58';
      const changed = await app.post('/auth/users/set_password/', { current_password: user.password, new_password: newPassword }, { token: user.access });
      expect(changed.status).toBe(204);

      for (const refresh of [user.refresh, secondSession.body.refresh]) {
        expectUnauthenticated(await app.post('/auth/jwt/refresh/', { refresh }), TOKEN_BLACKLISTED);
      }
      expectUnauthenticated(await login(user.username, user.password), NO_ACTIVE_ACCOUNT);
      const fresh = await login(user.username, newPassword);
      expect(fresh.status).toBe(200);
      expect((await app.post('/auth/jwt/refresh/', { refresh: fresh.body.refresh })).status).toBe(200);
    });
  });
});

describe('auth: refresh rotation and a 1-second access lifetime', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ JWT_ROTATE_REFRESH_TOKENS: 'true', JWT_ACCESS_LIFETIME: '1', JWT_REFRESH_LIFETIME: '120' });
  });
  afterAll(async () => {
    await app.close();
  });

  it('issues tokens with the configured lifetimes', async () => {
    const user = await createUser(app);
    const access = decodeJwt(user.access).payload;
    const refresh = decodeJwt(user.refresh).payload;
    expect(Number(access.exp) - Number(access.iat)).toBe(1);
    expect(Number(refresh.exp) - Number(refresh.iat)).toBe(120);
  });

  it('returns a new refresh token on refresh and blacklists the old one', async () => {
    const user = await createUser(app);
    const response = await app.post('/auth/jwt/refresh/', { refresh: user.refresh });
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(['access', 'refresh']);
    expect(response.body.refresh).not.toBe(user.refresh);
    const rotated = decodeJwt(response.body.refresh).payload;
    expect(rotated).toMatchObject({ token_type: 'refresh', user_id: user.id });
    expect(rotated.jti).not.toBe(decodeJwt(user.refresh).payload.jti);

    const next = await app.post('/auth/jwt/refresh/', { refresh: response.body.refresh });
    expect(next.status).toBe(200);
    expect(next.body.refresh).toEqual(expect.any(String));
    expectUnauthenticated(await app.post('/auth/jwt/refresh/', { refresh: response.body.refresh }), TOKEN_BLACKLISTED);
    // A spent token presented again also revokes the ones issued from it (token-hardening.e2e-spec.ts).
    expectUnauthenticated(await app.post('/auth/jwt/refresh/', { refresh: user.refresh }), TOKEN_BLACKLISTED);
    expectUnauthenticated(await app.post('/auth/jwt/refresh/', { refresh: next.body.refresh }), TOKEN_BLACKLISTED);
  });

  it('gives only one of two concurrent refreshes of the same token a new pair', async () => {
    const user = await createUser(app);
    const results = await Promise.all([1, 2].map(() => app.post('/auth/jwt/refresh/', { refresh: user.refresh })));
    const statuses = results.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 401]);
    expect(results.find((response) => response.status === 401)!.body).toEqual(TOKEN_BLACKLISTED);
  });

  it('stops accepting an access token once it has expired', async () => {
    const user = await createUser(app);
    expect((await app.get('/auth/users/me/', { token: user.access })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expectUnauthenticated(await app.get('/auth/users/me/', { token: user.access }), invalidAccessBody());
    expectUnauthenticated(await app.post('/auth/jwt/verify/', { token: user.access }), TOKEN_INVALID);
  });
});

describe('auth: login throttling behind a trusted proxy (LOGIN_FAILURE_LIMIT=3, LOGIN_ADDRESS_FAILURE_LIMIT=5, TRUST_PROXY=true)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ LOGIN_FAILURE_LIMIT: '3', LOGIN_ADDRESS_FAILURE_LIMIT: '5', TRUST_PROXY: 'true' });
  });
  afterAll(async () => {
    await app.close();
  });

  let addressCounter = 0;
  /** A client address no other test in this app uses. */
  const freshAddress = () => `203.0.113.${++addressCounter}`;
  const loginFrom = (address: string, username: string, password: string) =>
    app.post('/auth/jwt/create/', { username, password }, { headers: { 'x-forwarded-for': address } });

  it('blocks a username from an address after 3 failures there, even with the right password, but not from elsewhere', async () => {
    const user = await insertUser(app);
    const address = freshAddress();
    for (let attempt = 0; attempt < 3; attempt++) {
      expectUnauthenticated(await loginFrom(address, user.username, 'Wrong-Password-1'), NO_ACTIVE_ACCOUNT);
    }
    expectThrottled(await loginFrom(address, user.username, user.password), 900);
    expect((await loginFrom(freshAddress(), user.username, user.password)).status).toBe(200);

    // The address itself is not blocked: another account logs in from it.
    const other = await insertUser(app);
    expect((await loginFrom(address, other.username, other.password)).status).toBe(200);
  });

  it('lets the right password through after fewer failures than the limit', async () => {
    const user = await insertUser(app);
    const address = freshAddress();
    for (let attempt = 0; attempt < 2; attempt++) {
      expectUnauthenticated(await loginFrom(address, user.username, 'Wrong-Password-1'), NO_ACTIVE_ACCOUNT);
    }
    expect((await loginFrom(address, user.username, user.password)).status).toBe(200);
  });

  it('blocks an address after 5 failures across different usernames', async () => {
    const address = freshAddress();
    for (let attempt = 0; attempt < 5; attempt++) {
      expectUnauthenticated(await loginFrom(address, uniqueName('ghost'), 'Wrong-Password-1'), NO_ACTIVE_ACCOUNT);
    }
    const user = await insertUser(app);
    expectThrottled(await loginFrom(address, user.username, user.password), 900);
    // X-Forwarded-For is trusted here, so the same user from another address is fine.
    expect((await loginFrom(freshAddress(), user.username, user.password)).status).toBe(200);
  });
});

describe('auth: throttling without a trusted proxy (LOGIN_ADDRESS_FAILURE_LIMIT=3, SENSITIVE_RATE_LIMIT=3)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ LOGIN_ADDRESS_FAILURE_LIMIT: '3', SENSITIVE_RATE_LIMIT: '3' });
  });
  afterAll(async () => {
    await app.close();
  });

  it('ignores X-Forwarded-For: failures from 127.0.0.1 count together whatever the header says', async () => {
    const user = await insertUser(app);
    for (let attempt = 1; attempt <= 3; attempt++) {
      const response = await app.post(
        '/auth/jwt/create/',
        { username: uniqueName('ghost'), password: 'Wrong-Password-1' },
        { headers: { 'x-forwarded-for': `198.51.100.${attempt}` } },
      );
      expectUnauthenticated(response, NO_ACTIVE_ACCOUNT);
    }
    const blocked = await app.post(
      '/auth/jwt/create/',
      { username: user.username, password: user.password },
      { headers: { 'x-forwarded-for': '198.51.100.200' } },
    );
    expectThrottled(blocked, 900);
  });

  it('answers 429 to the 4th registration from one address', async () => {
    const register = () => {
      const username = uniqueName('reg');
      return app.post('/auth/users/', { username, password: STRONG_PASSWORD, re_password: STRONG_PASSWORD });
    };
    for (let attempt = 0; attempt < 3; attempt++) expect((await register()).status).toBe(201);
    expectThrottled(await register(), 3600);
  });
});

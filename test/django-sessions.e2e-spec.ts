import { randomBytes } from 'node:crypto';
import { insertUser, signJwt } from './support/auth.js';
import { TestApp } from './support/test-app.js';

/**
 * Sessions survive the move from the Django Storedeal: with JWT_SECRET set to Django's
 * SECRET_KEY, tokens simplejwt issued keep working — access tokens until they expire, refresh
 * tokens issued before the import (DJANGO_TOKENS_ISSUED_BEFORE) on jwt/refresh, recorded on
 * first use so they can be blacklisted from then on.
 */

// Django's own default form of a key: simplejwt signs with SECRET_KEY as it is.
const DJANGO_SECRET_KEY = `django-insecure-${randomBytes(24).toString('base64url')}$^&*`;

/** Claims as simplejwt 5 puts them in its tokens (PyJWT encodes the header {"alg","typ"}). */
function simplejwtToken(tokenType: 'access' | 'refresh', userId: number, iat: number, lifetime: number): string {
  return signJwt(
    { token_type: tokenType, exp: iat + lifetime, iat, jti: randomBytes(16).toString('hex'), user_id: userId },
    DJANGO_SECRET_KEY,
  );
}

describe('Django sessions after import-django', () => {
  const now = Math.floor(Date.now() / 1000);
  const importedAt = new Date((now - 60) * 1000).toISOString();
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({ JWT_SECRET: DJANGO_SECRET_KEY, DJANGO_TOKENS_ISSUED_BEFORE: importedAt });
  });
  afterAll(async () => {
    await app.close();
  });

  it('accepts an access token Django issued, until it expires', async () => {
    const user = await insertUser(app);
    const access = simplejwtToken('access', user.id, now - 120, 300);
    const me = await app.get('/auth/users/me/', { token: access });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(user.id);
    const expired = simplejwtToken('access', user.id, now - 400, 300);
    expect((await app.get('/auth/users/me/', { token: expired })).status).toBe(401);
  });

  it('refreshes with a refresh token Django issued before the import, and blacklists it from then on', async () => {
    const user = await insertUser(app);
    const refresh = simplejwtToken('refresh', user.id, now - 3600, 86400);

    const refreshed = await app.post('/auth/jwt/refresh/', { refresh });
    expect(refreshed.status).toBe(200);
    expect((await app.get('/auth/users/me/', { token: refreshed.body.access })).body.id).toBe(user.id);
    expect((await app.post('/auth/jwt/verify/', { token: refresh })).status).toBe(200);

    expect((await app.post('/auth/jwt/blacklist/', { refresh })).status).toBe(200);
    const after = await app.post('/auth/jwt/refresh/', { refresh });
    expect(after.status).toBe(401);
    expect(after.body).toEqual({ detail: 'Token is blacklisted', code: 'token_not_valid' });
  });

  it('can blacklist a Django refresh token it has never seen', async () => {
    const user = await insertUser(app);
    const refresh = simplejwtToken('refresh', user.id, now - 600, 86400);
    expect((await app.post('/auth/jwt/blacklist/', { refresh })).status).toBe(200);
    expect((await app.post('/auth/jwt/refresh/', { refresh })).body).toEqual({ detail: 'Token is blacklisted', code: 'token_not_valid' });
  });

  it('refuses a refresh token Storedeal never issued that was minted after the import', async () => {
    const user = await insertUser(app);
    const minted = simplejwtToken('refresh', user.id, now - 30, 86400);
    const refused = await app.post('/auth/jwt/refresh/', { refresh: minted });
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ detail: 'Token is invalid or expired', code: 'token_not_valid' });
    expect((await app.post('/auth/jwt/verify/', { token: minted })).status).toBe(401);
  });

  it('refuses Django refresh tokens of deactivated accounts and tokens signed with another key', async () => {
    const inactive = await insertUser(app, { isActive: false });
    expect((await app.post('/auth/jwt/refresh/', { refresh: simplejwtToken('refresh', inactive.id, now - 600, 86400) })).status).toBe(401);
    const user = await insertUser(app);
    const forged = signJwt({ token_type: 'refresh', exp: now + 600, iat: now - 600, jti: 'f'.repeat(32), user_id: user.id }, 'another-key');
    expect((await app.post('/auth/jwt/refresh/', { refresh: forged })).status).toBe(401);
  });
});

describe('without DJANGO_TOKENS_ISSUED_BEFORE', () => {
  it('refuses refresh tokens it did not issue, even signed with its key', async () => {
    const app = await TestApp.start({ JWT_SECRET: DJANGO_SECRET_KEY });
    try {
      const user = await insertUser(app);
      const refresh = simplejwtToken('refresh', user.id, Math.floor(Date.now() / 1000) - 3600, 86400);
      expect((await app.post('/auth/jwt/refresh/', { refresh })).status).toBe(401);
    } finally {
      await app.close();
    }
  });

  it('refuses a DJANGO_TOKENS_ISSUED_BEFORE that is not an ISO-8601 time, naming the variable', async () => {
    await expect(TestApp.start({ DJANGO_TOKENS_ISSUED_BEFORE: 'yesterday' })).rejects.toThrow(/DJANGO_TOKENS_ISSUED_BEFORE/);
  });
});

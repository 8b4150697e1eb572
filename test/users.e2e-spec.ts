import {
  expectNoLeak,
  insertUser,
  lastMailTo,
  mailsTo,
  NO_ACTIVE_ACCOUNT,
  NOT_AUTHENTICATED,
  TOKEN_BLACKLISTED,
  uniqueEmail,
  usersTable,
} from './support/auth.js';
import { allMailSent } from './support/mail.js';
import { TestApp, TestResponse } from './support/test-app.js';
import { createUser, STRONG_PASSWORD, TestUser, uniqueName } from './support/users.js';

const TOO_SHORT = 'This password is too short. It must contain at least 8 characters.';
const TOO_COMMON = 'This password is too common.';
const ENTIRELY_NUMERIC = 'This password is entirely numeric.';
const SIMILAR_TO_USERNAME = 'The password is too similar to the username.';
const SIMILAR_TO_EMAIL = 'The password is too similar to the email address.';
const USERNAME_TAKEN = 'A user with that username already exists.';
const INVALID_USERNAME = 'Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.';
const INVALID_EMAIL = 'Enter a valid email address.';
const INVALID_UID = "Invalid user id or user doesn't exist.";
const INVALID_TOKEN = 'Invalid token for given user.';
const INVALID_PASSWORD = 'Invalid password.';
const NOT_FOUND = { detail: 'Not found.' };
const NEW_PASSWORD = 'Copper-Lantern-58';

function expectStatus(response: TestResponse, status: number, body?: unknown): void {
  expect(response.status, response.text).toBe(status);
  if (body !== undefined) expect(response.body).toEqual(body);
  expectNoLeak(response);
}

/** 204 with nothing in the body. */
function expectNoContent(response: TestResponse): void {
  expect(response.status, response.text).toBe(204);
  expect(response.text).toBe('');
}

describe('users (activation mail off)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ LOGIN_FAILURE_LIMIT: '100000' });
  });
  afterAll(async () => {
    await app.close();
  });

  const register = (body: Record<string, unknown>) => app.post('/auth/users/', body);
  const login = (username: string, password: string) => app.post('/auth/jwt/create/', { username, password });
  /** A registration body with a unique username and a good password. */
  const newUser = (extra: Record<string, unknown> = {}) => {
    const username = uniqueName();
    return { username, password: STRONG_PASSWORD, re_password: STRONG_PASSWORD, ...extra };
  };

  describe('POST /auth/users/ (register)', () => {
    it('answers 201 with email "" when none is given, and stores an active non-staff user with an argon2id hash', async () => {
      const body = newUser();
      const response = await register(body);
      expectStatus(response, 201, { email: '', id: expect.any(Number), username: body.username });

      const stored = await usersTable(app).findOneByOrFail({ id: response.body.id });
      expect(stored).toMatchObject({ username: body.username, email: '', isActive: true, isStaff: false, isSuperuser: false });
      expect(stored.password).toMatch(/^\$argon2id\$/);
      expect((await login(body.username, STRONG_PASSWORD)).status).toBe(200);
    });

    it('echoes the email when one is given and works without the trailing slash', async () => {
      const email = uniqueEmail('alice');
      const body = newUser({ email });
      const response = await app.post('/auth/users', body);
      expectStatus(response, 201, { email, id: expect.any(Number), username: body.username });
    });

    it('lower-cases the domain of the address as Django\'s create_user does', async () => {
      const local = uniqueName('Alice');
      const response = await register(newUser({ email: `${local}@Example.COM` }));
      expectStatus(response, 201);
      expect(response.body.email).toBe(`${local}@example.com`);
    });

    it('ignores read-only fields in the body (no mass assignment)', async () => {
      const body = newUser({ is_staff: true, is_superuser: true, is_active: false, id: 2000000000, date_joined: '2001-01-01T00:00:00Z' });
      const response = await register(body);
      expectStatus(response, 201, { email: '', id: expect.any(Number), username: body.username });
      expect(response.body.id).not.toBe(2000000000);

      const stored = await usersTable(app).findOneByOrFail({ username: body.username });
      expect(stored.id).toBe(response.body.id);
      expect(stored).toMatchObject({ isStaff: false, isSuperuser: false, isActive: true });
      expect(stored.dateJoined.getUTCFullYear()).toBeGreaterThan(2001);
      expect(await usersTable(app).existsBy({ id: 2000000000 })).toBe(false);
    });

    it('refuses a username that is taken', async () => {
      const existing = await createUser(app);
      const response = await register(newUser({ username: existing.username }));
      expectStatus(response, 400, { username: [USERNAME_TAKEN] });
    });

    it('answers one of two concurrent registrations of the same username with "already exists"', async () => {
      const body = newUser();
      const responses = await Promise.all([register(body), register(body)]);
      expect(responses.map((response) => response.status).sort()).toEqual([201, 400]);
      expectStatus(responses.find((response) => response.status === 400)!, 400, { username: [USERNAME_TAKEN] });
    });

    it('trims the username and applies NFKC normalisation, as Django\'s create_user does', async () => {
      const base = uniqueName('trim');
      const trimmed = await register({ username: `  ${base}  `, password: STRONG_PASSWORD, re_password: STRONG_PASSWORD });
      expectStatus(trimmed, 201, { email: '', id: expect.any(Number), username: base });

      const ligature = await register({ username: `\ufb01${base}`, password: STRONG_PASSWORD, re_password: STRONG_PASSWORD });
      expectStatus(ligature, 201, { email: '', id: expect.any(Number), username: `fi${base}` });
      expectStatus(await login(`fi${base}`, STRONG_PASSWORD), 200);
    });

    it.each([
      ['too short', 'Kx7#ab', [TOO_SHORT]],
      ['too common', 'qwertyuiop', [TOO_COMMON]],
      ['entirely numeric', '83610427', [ENTIRELY_NUMERIC]],
      ['common and numeric', '12345678', [TOO_COMMON, ENTIRELY_NUMERIC]],
      ['short, common and numeric', '1234', [TOO_SHORT, TOO_COMMON, ENTIRELY_NUMERIC]],
    ])('refuses a password that is %s with Django\'s messages, in Django\'s order', async (_case, password, messages) => {
      const response = await register(newUser({ password, re_password: password }));
      expectStatus(response, 400, { password: messages });
    });

    it('refuses a password too similar to the username', async () => {
      const username = uniqueName('marmalade');
      const password = `${username}!`;
      const response = await register({ username, password, re_password: password });
      expectStatus(response, 400, { password: [SIMILAR_TO_USERNAME] });
    });

    it('refuses a password too similar to the email address', async () => {
      const response = await register(newUser({ email: 'velvetharbour@example.com', password: 'Velvetharbour77', re_password: 'Velvetharbour77' }));
      expectStatus(response, 400, { password: [SIMILAR_TO_EMAIL] });
    });

    it('reports the password rules before a retype mismatch, and the mismatch alone as non_field_errors', async () => {
      const weak = await register(newUser({ password: '1234', re_password: 'something-else' }));
      expectStatus(weak, 400, { password: [TOO_SHORT, TOO_COMMON, ENTIRELY_NUMERIC] });

      const mismatch = await register(newUser({ re_password: `${STRONG_PASSWORD}x` }));
      expectStatus(mismatch, 400, { non_field_errors: ["The two password fields didn't match."] });
    });

    it.each([
      ['spaces', 'bad name'],
      ['punctuation', 'bad!name'],
      ['a slash', 'bad/name'],
      ['a NUL character', 'bad\u0000name'],
    ])('refuses a username with %s', async (_case, username) => {
      const response = await register({ username, password: STRONG_PASSWORD, re_password: STRONG_PASSWORD });
      expectStatus(response, 400, { username: [INVALID_USERNAME] });
    });

    it('accepts @.+-_ and non-ASCII letters in usernames', async () => {
      const username = `Zoë.${uniqueName('x')}+tag-1@home`;
      const response = await register({ username, password: STRONG_PASSWORD, re_password: STRONG_PASSWORD });
      expectStatus(response, 201, { email: '', id: expect.any(Number), username });
    });

    it('accepts a 150-character username and refuses 151 characters', async () => {
      const base = uniqueName('long');
      const ok = base + 'a'.repeat(150 - base.length);
      expectStatus(await register({ username: ok, password: STRONG_PASSWORD, re_password: STRONG_PASSWORD }), 201);
      const tooLong = `${base}${'b'.repeat(151 - base.length)}`;
      const response = await register({ username: tooLong, password: STRONG_PASSWORD, re_password: STRONG_PASSWORD });
      expectStatus(response, 400, { username: ['Ensure this field has no more than 150 characters.'] });
    });

    it.each(['not-an-email', 'a@b', 'two@@example.com', 'spaces in@example.com'])('refuses the email %j', async (email) => {
      const response = await register(newUser({ email }));
      expectStatus(response, 400, { email: [INVALID_EMAIL] });
    });

    it('reports missing, blank and null fields, one key per field', async () => {
      expectStatus(await register({}), 400, {
        username: ['This field is required.'],
        password: ['This field is required.'],
        re_password: ['This field is required.'],
      });
      expectStatus(await register({ username: '', password: '', re_password: '', email: '' }), 400, {
        username: ['This field may not be blank.'],
        password: ['This field may not be blank.'],
        re_password: ['This field may not be blank.'],
      });
      expectStatus(await register({ username: null, password: null, re_password: null, email: null }), 400, {
        username: ['This field may not be null.'],
        password: ['This field may not be null.'],
        re_password: ['This field may not be null.'],
        email: ['This field may not be null.'],
      });
    });

    it('refuses non-string values with "Not a valid string."', async () => {
      const response = await register({ username: ['a'], password: { value: 'x' }, re_password: true });
      expectStatus(response, 400, {
        username: ['Not a valid string.'],
        password: ['Not a valid string.'],
        re_password: ['Not a valid string.'],
      });
    });
  });

  describe('GET /auth/users/ (list)', () => {
    it('shows a non-staff user only themself, in DRF\'s paginated shape', async () => {
      const user = await createUser(app);
      await createUser(app);
      const response = await app.get('/auth/users/', { token: user.access });
      expectStatus(response, 200, { count: 1, next: null, previous: null, results: [{ email: '', id: user.id, username: user.username }] });
    });

    it('shows staff everyone, with absolute next/previous links', async () => {
      const staff = await createUser(app, { staff: true });
      const other = await createUser(app);

      const firstPage = await app.get('/auth/users/?page_size=1', { token: staff.access });
      expectStatus(firstPage, 200);
      expect(Object.keys(firstPage.body)).toEqual(['count', 'next', 'previous', 'results']);
      expect(firstPage.body.count).toBeGreaterThanOrEqual(2);
      expect(firstPage.body.results).toHaveLength(1);
      expect(firstPage.body.previous).toBeNull();
      const next = new URL(firstPage.body.next);
      expect(next.pathname).toBe('/auth/users/');
      expect(next.searchParams.get('page')).toBe('2');
      expect(next.searchParams.get('page_size')).toBe('1');

      const secondPage = await app.get(`${next.pathname}${next.search}`, { token: staff.access });
      expectStatus(secondPage, 200);
      expect(secondPage.body.previous).toMatch(/^http:\/\/[^/]+\/auth\/users\/\?page_size=1$/);

      // Walk the list (the database may be shared) until both users have been seen.
      const seen = new Set<number>();
      let url: string | null = '/auth/users/?page_size=100';
      for (let pages = 0; url && pages < 200 && !(seen.has(staff.id) && seen.has(other.id)); pages++) {
        const page: TestResponse = await app.get(url, { token: staff.access });
        expectStatus(page, 200);
        for (const user of page.body.results) {
          expect(Object.keys(user).sort()).toEqual(['email', 'id', 'username']);
          seen.add(user.id);
        }
        url = page.body.next ? `${new URL(page.body.next).pathname}${new URL(page.body.next).search}` : null;
      }
      expect(seen.has(staff.id)).toBe(true);
      expect(seen.has(other.id)).toBe(true);
    });

    it('answers 404 "Invalid page." past the end and 401 without credentials', async () => {
      const user = await createUser(app);
      expectStatus(await app.get('/auth/users/?page=2', { token: user.access }), 404, { detail: 'Invalid page.' });
      expectStatus(await app.get('/auth/users/?page=abc', { token: user.access }), 404, { detail: 'Invalid page.' });
      const anonymous = await app.get('/auth/users/');
      expectStatus(anonymous, 401, NOT_AUTHENTICATED);
      expect(anonymous.headers['www-authenticate']).toBe('Bearer realm="api"');
    });
  });

  describe('/auth/users/{id}/', () => {
    let alice: TestUser;
    let bob: TestUser;
    beforeAll(async () => {
      alice = await createUser(app, { email: uniqueEmail('alice') });
      bob = await createUser(app, { email: uniqueEmail('bob') });
    });

    it('lets a user read and change their own record with GET, PUT and PATCH', async () => {
      const user = await createUser(app);
      expectStatus(await app.get(`/auth/users/${user.id}/`, { token: user.access }), 200, { email: '', id: user.id, username: user.username });

      const putEmail = uniqueEmail('put');
      expectStatus(await app.put(`/auth/users/${user.id}/`, { email: putEmail }, { token: user.access }), 200, {
        email: putEmail,
        id: user.id,
        username: user.username,
      });
      const patchEmail = uniqueEmail('patch');
      expectStatus(await app.patch(`/auth/users/${user.id}`, { email: patchEmail }, { token: user.access }), 200, {
        email: patchEmail,
        id: user.id,
        username: user.username,
      });
      expect((await usersTable(app).findOneByOrFail({ id: user.id })).email).toBe(patchEmail);
    });

    it("hides another user's record from a non-staff user (404 for GET, PUT and PATCH)", async () => {
      expectStatus(await app.get(`/auth/users/${bob.id}/`, { token: alice.access }), 404, NOT_FOUND);
      expectStatus(await app.put(`/auth/users/${bob.id}/`, { email: 'hijack@example.com' }, { token: alice.access }), 404, NOT_FOUND);
      expectStatus(await app.patch(`/auth/users/${bob.id}/`, { email: 'hijack@example.com' }, { token: alice.access }), 404, NOT_FOUND);
      expect((await usersTable(app).findOneByOrFail({ id: bob.id })).email).not.toBe('hijack@example.com');
    });

    it("refuses to delete another user's account for a non-staff user with Djoser's 403, before reading the body", async () => {
      // Djoser's destroy: get_object (404 for no such user), then the permission (403); HIDE_USERS
      // turns a refused retrieve, update or list into 404, not a refused destroy.
      for (const body of [{ current_password: alice.password }, { current_password: bob.password }, {}, undefined]) {
        const response = await app.delete(`/auth/users/${bob.id}/`, body, { token: alice.access });
        expectStatus(response, 403, { detail: 'You do not have permission to perform this action.' });
        expectNoLeak(response);
      }
      expect(await usersTable(app).existsBy({ id: bob.id })).toBe(true);
      expectStatus(await app.delete('/auth/users/2147483647/', {}, { token: alice.access }), 404, NOT_FOUND);
      expectStatus(await app.delete('/auth/users/abc/', {}, { token: alice.access }), 404, NOT_FOUND);
      // One's own id reads the body as before.
      expectStatus(await app.delete(`/auth/users/${alice.id}/`, {}, { token: alice.access }), 400, { current_password: ['This field is required.'] });
      expectStatus(await app.delete(`/auth/users/${alice.id}/`, { current_password: 'Wrong-Password-1' }, { token: alice.access }), 400, {
        current_password: ['Invalid password.'],
      });
    });

    it('lets staff read and change another user, and answers 404 for an id that does not exist', async () => {
      const staff = await createUser(app, { staff: true });
      const target = await createUser(app);
      expectStatus(await app.get(`/auth/users/${target.id}/`, { token: staff.access }), 200, { email: '', id: target.id, username: target.username });
      const email = uniqueEmail('bystaff');
      expectStatus(await app.patch(`/auth/users/${target.id}/`, { email }, { token: staff.access }), 200, { email, id: target.id, username: target.username });
      expectStatus(await app.get('/auth/users/2147483647/', { token: staff.access }), 404, NOT_FOUND);
    });

    it('lets staff delete another user with the staff member\'s own password', async () => {
      const staff = await createUser(app, { staff: true });
      const target = await createUser(app);
      expectNoContent(await app.delete(`/auth/users/${target.id}/`, { current_password: staff.password }, { token: staff.access }));
      expect(await usersTable(app).existsBy({ id: target.id })).toBe(false);
    });

    it.each(['abc', '1.5', '0', '-1', '99999999999', '1e3', '%20'])('answers 404 for the id %j', async (id) => {
      expectStatus(await app.get(`/auth/users/${id}/`, { token: alice.access }), 404, NOT_FOUND);
    });

    it('never changes the username (or staff flags) through PUT or PATCH', async () => {
      const user = await createUser(app);
      const renamed = uniqueName('renamed');
      for (const send of [app.put, app.patch]) {
        const response = await send(`/auth/users/${user.id}/`, { username: renamed, is_staff: true, id: 2000000000 }, { token: user.access });
        expectStatus(response, 200, { email: '', id: user.id, username: user.username });
      }
      const stored = await usersTable(app).findOneByOrFail({ id: user.id });
      expect(stored.username).toBe(user.username);
      expect(stored.isStaff).toBe(false);
    });

    it('validates the email on update', async () => {
      const user = await createUser(app);
      expectStatus(await app.patch(`/auth/users/${user.id}/`, { email: 'nope' }, { token: user.access }), 400, { email: [INVALID_EMAIL] });
      expectStatus(await app.put(`/auth/users/me/`, { email: null }, { token: user.access }), 400, { email: ['This field may not be null.'] });
      expectStatus(await app.patch(`/auth/users/me/`, { email: '' }, { token: user.access }), 200, { email: '', id: user.id, username: user.username });
    });

    it('answers 401 without credentials', async () => {
      expectStatus(await app.get(`/auth/users/${alice.id}/`), 401, NOT_AUTHENTICATED);
    });
  });

  describe('/auth/users/me/', () => {
    it('reads and updates the current user with GET, PUT and PATCH', async () => {
      const user = await createUser(app);
      expectStatus(await app.get('/auth/users/me/', { token: user.access }), 200, { email: '', id: user.id, username: user.username });
      const email = uniqueEmail('me');
      expectStatus(await app.put('/auth/users/me/', { email, username: 'ignored' }, { token: user.access }), 200, { email, id: user.id, username: user.username });
      const email2 = uniqueEmail('me2');
      expectStatus(await app.patch('/auth/users/me', { email: email2 }, { token: user.access }), 200, { email: email2, id: user.id, username: user.username });
      expectStatus(await app.get('/auth/users/me', { token: user.access }), 200, { email: email2, id: user.id, username: user.username });
    });

    it('needs the current password to delete the account', async () => {
      const user = await createUser(app);
      expectStatus(await app.delete('/auth/users/me/', {}, { token: user.access }), 400, { current_password: ['This field is required.'] });
      expectStatus(await app.delete('/auth/users/me/', undefined, { token: user.access }), 400, { current_password: ['This field is required.'] });
      expectStatus(await app.delete('/auth/users/me/', { current_password: 'Wrong-Password-1' }, { token: user.access }), 400, {
        current_password: [INVALID_PASSWORD],
      });
      expect(await usersTable(app).existsBy({ id: user.id })).toBe(true);
    });

    it('deletes the account; its tokens and credentials stop working', async () => {
      const user = await createUser(app);
      expectNoContent(await app.delete('/auth/users/me/', { current_password: user.password }, { token: user.access }));
      expect(await usersTable(app).existsBy({ id: user.id })).toBe(false);

      const me = await app.get('/auth/users/me/', { token: user.access });
      expectStatus(me, 401, { detail: 'User not found', code: 'user_not_found' });
      expectStatus(await login(user.username, user.password), 401, NO_ACTIVE_ACCOUNT);
      expectStatus(await app.post('/auth/jwt/refresh/', { refresh: user.refresh }), 401);
    });

    it('deletes through /auth/users/{own id}/ too', async () => {
      const user = await createUser(app);
      expectNoContent(await app.delete(`/auth/users/${user.id}/`, { current_password: user.password }, { token: user.access }));
      expect(await usersTable(app).existsBy({ id: user.id })).toBe(false);
    });

    it('answers 401 to every method without credentials', async () => {
      for (const send of [app.get, app.put, app.patch, app.delete]) {
        const response = await send('/auth/users/me/', {});
        expectStatus(response, 401, NOT_AUTHENTICATED);
      }
    });
  });

  describe('POST /auth/users/set_password/', () => {
    it('refuses a wrong current password', async () => {
      const user = await createUser(app);
      const response = await app.post('/auth/users/set_password/', { current_password: 'Wrong-Password-1', new_password: NEW_PASSWORD }, { token: user.access });
      expectStatus(response, 400, { current_password: [INVALID_PASSWORD] });
    });

    it('applies the password rules to new_password (similarity to this user included)', async () => {
      const user = await createUser(app);
      const send = (new_password: string) => app.post('/auth/users/set_password/', { current_password: user.password, new_password }, { token: user.access });
      expectStatus(await send('1234'), 400, { new_password: [TOO_SHORT, TOO_COMMON, ENTIRELY_NUMERIC] });
      expectStatus(await send('password1'), 400, { new_password: [TOO_COMMON] });
      expectStatus(await send(`${user.username}9`), 400, { new_password: [SIMILAR_TO_USERNAME] });
      expect((await login(user.username, user.password)).status).toBe(200);
    });

    it('reports missing fields', async () => {
      const user = await createUser(app);
      expectStatus(await app.post('/auth/users/set_password/', {}, { token: user.access }), 400, {
        current_password: ['This field is required.'],
        new_password: ['This field is required.'],
      });
    });

    it('changes the password: the old one fails, the new one works (re_new_password is ignored)', async () => {
      const user = await createUser(app);
      const response = await app.post(
        '/auth/users/set_password/',
        { current_password: user.password, new_password: NEW_PASSWORD, re_new_password: 'whatever' },
        { token: user.access },
      );
      expectNoContent(response);
      expectStatus(await login(user.username, user.password), 401, NO_ACTIVE_ACCOUNT);
      expectStatus(await login(user.username, NEW_PASSWORD), 200);
      expectStatus(await app.post('/auth/jwt/refresh/', { refresh: user.refresh }), 401, TOKEN_BLACKLISTED);
    });

    it('answers 401 without credentials', async () => {
      expectStatus(await app.post('/auth/users/set_password/', { current_password: 'x', new_password: NEW_PASSWORD }), 401, NOT_AUTHENTICATED);
    });
  });

  describe('POST /auth/users/set_username/', () => {
    it('refuses a taken username, an invalid one and a wrong current password', async () => {
      const user = await createUser(app);
      const other = await createUser(app);
      const send = (body: Record<string, unknown>) => app.post('/auth/users/set_username/', body, { token: user.access });
      expectStatus(await send({ current_password: user.password, new_username: other.username }), 400, { new_username: [USERNAME_TAKEN] });
      expectStatus(await send({ current_password: user.password, new_username: 'not valid!' }), 400, { new_username: [INVALID_USERNAME] });
      expectStatus(await send({ current_password: 'Wrong-Password-1', new_username: uniqueName() }), 400, { current_password: [INVALID_PASSWORD] });
      expectStatus(await send({}), 400, { current_password: ['This field is required.'], new_username: ['This field is required.'] });
      expectStatus(await send({ current_password: 'Wrong-Password-1', new_username: other.username }), 400, {
        current_password: [INVALID_PASSWORD],
        new_username: [USERNAME_TAKEN],
      });
      expect((await usersTable(app).findOneByOrFail({ id: user.id })).username).toBe(user.username);
    });

    it('gives a username to only one of two users claiming it at the same time', async () => {
      const [first, second] = await Promise.all([createUser(app), createUser(app)]);
      const wanted = uniqueName('contested');
      const responses = await Promise.all(
        [first, second].map((user) => app.post('/auth/users/set_username/', { current_password: user.password, new_username: wanted }, { token: user.access })),
      );
      expect(responses.map((response) => response.status).sort()).toEqual([204, 400]);
      expectStatus(responses.find((response) => response.status === 400)!, 400, { new_username: [USERNAME_TAKEN] });
      expect(await usersTable(app).countBy({ username: wanted })).toBe(1);
    });

    it('renames the user: the new username logs in, the old one no longer does', async () => {
      const user = await createUser(app);
      const newUsername = uniqueName('renamed');
      expectNoContent(await app.post('/auth/users/set_username/', { current_password: user.password, new_username: newUsername }, { token: user.access }));
      expectStatus(await app.get('/auth/users/me/', { token: user.access }), 200, { email: '', id: user.id, username: newUsername });
      expectStatus(await login(newUsername, user.password), 200);
      expectStatus(await login(user.username, user.password), 401, NO_ACTIVE_ACCOUNT);
    });
  });

  describe('password reset', () => {
    /** The request, then its mail (sent after the answer) in the outbox. */
    const requestReset = async (email: unknown) => {
      const response = await app.post('/auth/users/reset_password/', { email });
      await allMailSent(app);
      return response;
    };
    const confirm = (body: Record<string, unknown>) => app.post('/auth/users/reset_password_confirm/', body);

    it('answers 204 for an unknown address and sends nothing', async () => {
      const email = uniqueEmail('nobody');
      expectNoContent(await requestReset(email));
      expect(mailsTo(app, email)).toHaveLength(0);
    });

    it('answers 204 for a known address and mails a link with uid and token (address matched case-insensitively)', async () => {
      const email = uniqueEmail('reset');
      const user = await createUser(app, { email });
      expectNoContent(await requestReset(email.toUpperCase()));
      const mail = lastMailTo(app, email);
      expect(Buffer.from(mail.uid, 'base64url').toString('utf8')).toBe(String(user.id));
      expect(mail.text).toContain(`/${mail.uid}/${mail.token}`);
    });

    it('sends nothing for an inactive account', async () => {
      const email = uniqueEmail('inactive');
      await insertUser(app, { email, isActive: false });
      expectNoContent(await requestReset(email));
      expect(mailsTo(app, email)).toHaveLength(0);
    });

    it('validates the address', async () => {
      expectStatus(await app.post('/auth/users/reset_password/', {}), 400, { email: ['This field is required.'] });
      expectStatus(await requestReset('not-an-email'), 400, { email: [INVALID_EMAIL] });
    });

    it('refuses a bad uid, a bad token and a weak password', async () => {
      const email = uniqueEmail('confirm');
      const user = await createUser(app, { email });
      await requestReset(email);
      const { uid, token } = lastMailTo(app, email);

      for (const badUid of ['garbage!', Buffer.from('2147483647').toString('base64url'), Buffer.from('abc').toString('base64url')]) {
        expectStatus(await confirm({ uid: badUid, token, new_password: NEW_PASSWORD }), 400, { uid: [INVALID_UID] });
      }
      const otherToken = `${token.split('-')[0]}-${'0'.repeat(32)}`;
      for (const badToken of ['garbage', otherToken]) {
        expectStatus(await confirm({ uid, token: badToken, new_password: NEW_PASSWORD }), 400, { token: [INVALID_TOKEN] });
      }
      expectStatus(await confirm({ uid, token, new_password: '1234' }), 400, { new_password: [TOO_SHORT, TOO_COMMON, ENTIRELY_NUMERIC] });
      expectStatus(await confirm({ uid, token, new_password: `${user.username}1` }), 400, { new_password: [SIMILAR_TO_USERNAME] });
      expectStatus(await confirm({}), 400, {
        uid: ['This field is required.'],
        token: ['This field is required.'],
        new_password: ['This field is required.'],
      });
      // None of the refusals used the link up.
      expectNoContent(await confirm({ uid, token, new_password: NEW_PASSWORD }));
    });

    it('sets the new password once: the old one fails, sessions end, and the link cannot be reused', async () => {
      const email = uniqueEmail('reset-ok');
      const user = await createUser(app, { email });
      await requestReset(email);
      const { uid, token } = lastMailTo(app, email);

      expectNoContent(await confirm({ uid, token, new_password: NEW_PASSWORD }));
      expectStatus(await login(user.username, NEW_PASSWORD), 200);
      expectStatus(await login(user.username, user.password), 401, NO_ACTIVE_ACCOUNT);
      expectStatus(await app.post('/auth/jwt/refresh/', { refresh: user.refresh }), 401, TOKEN_BLACKLISTED);

      expectStatus(await confirm({ uid, token, new_password: 'Another-Lantern-59' }), 400, { token: [INVALID_TOKEN] });
    });

    it('keeps the link valid when the user logs in before using it (simplejwt does not touch last_login)', async () => {
      const email = uniqueEmail('remembered');
      const user = await createUser(app, { email });
      await requestReset(email);
      const { uid, token } = lastMailTo(app, email);
      expectStatus(await login(user.username, user.password), 200);
      expectNoContent(await confirm({ uid, token, new_password: NEW_PASSWORD }));
    });

    it('does not accept a password-reset token for another user', async () => {
      const emailA = uniqueEmail('a');
      const emailB = uniqueEmail('b');
      await createUser(app, { email: emailA });
      await createUser(app, { email: emailB });
      await requestReset(emailA);
      await requestReset(emailB);
      const mailA = lastMailTo(app, emailA);
      const mailB = lastMailTo(app, emailB);
      expectStatus(await confirm({ uid: mailB.uid, token: mailA.token, new_password: NEW_PASSWORD }), 400, { token: [INVALID_TOKEN] });
    });
  });

  describe('username reset', () => {
    it('mails a link; confirming renames the user once', async () => {
      const email = uniqueEmail('uname');
      const user = await createUser(app, { email });
      expectNoContent(await app.post('/auth/users/reset_username/', { email }));
      await allMailSent(app);
      const { uid, token } = lastMailTo(app, email);

      const taken = await createUser(app);
      expectStatus(await app.post('/auth/users/reset_username_confirm/', { uid, token, new_username: taken.username }), 400, { new_username: [USERNAME_TAKEN] });
      expectStatus(await app.post('/auth/users/reset_username_confirm/', { uid, token, new_username: 'bad name' }), 400, { new_username: [INVALID_USERNAME] });
      expectStatus(await app.post('/auth/users/reset_username_confirm/', { uid: 'garbage', token, new_username: uniqueName() }), 400, { uid: [INVALID_UID] });
      expectStatus(await app.post('/auth/users/reset_username_confirm/', { uid, token: 'garbage', new_username: uniqueName() }), 400, { token: [INVALID_TOKEN] });

      const newUsername = uniqueName('reset');
      expectNoContent(await app.post('/auth/users/reset_username_confirm/', { uid, token, new_username: newUsername }));
      expectStatus(await login(newUsername, user.password), 200);
      expectStatus(await login(user.username, user.password), 401, NO_ACTIVE_ACCOUNT);

      expectStatus(await app.post('/auth/users/reset_username_confirm/', { uid, token, new_username: uniqueName() }), 400, { token: [INVALID_TOKEN] });
    });

    it('answers 204 for an unknown address and sends nothing', async () => {
      const email = uniqueEmail('nobody');
      expectNoContent(await app.post('/auth/users/reset_username/', { email }));
      await allMailSent(app);
      expect(mailsTo(app, email)).toHaveLength(0);
    });

    it('does not accept a password-reset token for a username reset', async () => {
      const email = uniqueEmail('cross');
      await createUser(app, { email });
      await app.post('/auth/users/reset_password/', { email });
      await allMailSent(app);
      const { uid, token } = lastMailTo(app, email);
      expectStatus(await app.post('/auth/users/reset_username_confirm/', { uid, token, new_username: uniqueName() }), 400, { token: [INVALID_TOKEN] });
    });
  });

  describe('activation while activation mail is off', () => {
    it('answers resend_activation with 400 and an empty body (after validating the address)', async () => {
      const email = uniqueEmail('resend');
      await createUser(app, { email });
      const response = await app.post('/auth/users/resend_activation/', { email });
      expect(response.status).toBe(400);
      expect(response.text).toBe('');
      expect(mailsTo(app, email)).toHaveLength(0);

      expectStatus(await app.post('/auth/users/resend_activation/', {}), 400, { email: ['This field is required.'] });
    });

    it('creates users active, so they log in right away', async () => {
      const user = await createUser(app);
      expect((await usersTable(app).findOneByOrFail({ id: user.id })).isActive).toBe(true);
    });
  });
});

describe('users with SEND_ACTIVATION_EMAIL=true', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ SEND_ACTIVATION_EMAIL: 'true', LOGIN_FAILURE_LIMIT: '100000' });
  });
  afterAll(async () => {
    await app.close();
  });

  const login = (username: string, password: string) => app.post('/auth/jwt/create/', { username, password });
  const activate = (uid: string, token: string) => app.post('/auth/users/activation/', { uid, token });
  /** Registers an inactive user with a unique address. */
  const registerInactive = async () => {
    const username = uniqueName();
    const email = uniqueEmail('act');
    const response = await app.post('/auth/users/', { username, email, password: STRONG_PASSWORD, re_password: STRONG_PASSWORD });
    expectStatus(response, 201, { email, id: expect.any(Number), username });
    return { id: response.body.id as number, username, email, password: STRONG_PASSWORD };
  };

  it('registers users inactive; they cannot log in until the mailed link activates them', async () => {
    const user = await registerInactive();
    expect((await usersTable(app).findOneByOrFail({ id: user.id })).isActive).toBe(false);
    expectStatus(await login(user.username, user.password), 401, NO_ACTIVE_ACCOUNT);

    const mail = lastMailTo(app, user.email);
    expect(Buffer.from(mail.uid, 'base64url').toString('utf8')).toBe(String(user.id));
    expectNoContent(await activate(mail.uid, mail.token));
    expect((await usersTable(app).findOneByOrFail({ id: user.id })).isActive).toBe(true);
    expectStatus(await login(user.username, user.password), 200);

    expectStatus(await activate(mail.uid, mail.token), 403, { detail: 'Stale token for given user.' });
  });

  it('refuses a bad uid or token', async () => {
    const user = await registerInactive();
    const { uid, token } = lastMailTo(app, user.email);
    expectStatus(await activate('garbage', token), 400, { uid: [INVALID_UID] });
    expectStatus(await activate(uid, 'garbage'), 400, { token: [INVALID_TOKEN] });
    expectStatus(await app.post('/auth/users/activation/', {}), 400, { uid: ['This field is required.'], token: ['This field is required.'] });
    expect((await usersTable(app).findOneByOrFail({ id: user.id })).isActive).toBe(false);
  });

  it('resends the activation mail to an inactive account (204), and nothing to others', async () => {
    const user = await registerInactive();
    expect(mailsTo(app, user.email)).toHaveLength(1);
    expectNoContent(await app.post('/auth/users/resend_activation/', { email: user.email }));
    await allMailSent(app);
    expect(mailsTo(app, user.email)).toHaveLength(2);
    const { uid, token } = lastMailTo(app, user.email);
    expectNoContent(await activate(uid, token));

    // Now active: resending is still 204 but sends nothing.
    expectNoContent(await app.post('/auth/users/resend_activation/', { email: user.email }));
    await allMailSent(app);
    expect(mailsTo(app, user.email)).toHaveLength(2);

    const unknown = uniqueEmail('unknown');
    expectNoContent(await app.post('/auth/users/resend_activation/', { email: unknown }));
    await allMailSent(app);
    expect(mailsTo(app, unknown)).toHaveLength(0);
  });

  it('sends no password reset mail to an account that is not yet active', async () => {
    const user = await registerInactive();
    expectNoContent(await app.post('/auth/users/reset_password/', { email: user.email }));
    await allMailSent(app);
    expect(mailsTo(app, user.email)).toHaveLength(1);
  });

  it('deactivates an account whose address changes and mails the new address an activation link', async () => {
    const registered = await registerInactive();
    const first = lastMailTo(app, registered.email);
    expectNoContent(await activate(first.uid, first.token));
    const session = await login(registered.username, registered.password);
    expectStatus(session, 200);

    const newEmail = uniqueEmail('moved');
    expectStatus(await app.patch('/auth/users/me/', { email: newEmail }, { token: session.body.access }), 200, {
      email: newEmail,
      id: registered.id,
      username: registered.username,
    });
    expectStatus(await app.get('/auth/users/me/', { token: session.body.access }), 401, { detail: 'User is inactive', code: 'user_inactive' });

    const mail = lastMailTo(app, newEmail);
    expectNoContent(await activate(mail.uid, mail.token));
    expectStatus(await login(registered.username, registered.password), 200);
  });
});

import { insertUser, usersTable } from './support/auth.js';
import { LogCapture } from './support/log-capture.js';
import { TestApp } from './support/test-app.js';
import { createUser, TestUser } from './support/users.js';

const FORBIDDEN = { detail: 'You do not have permission to perform this action.' };
const ACCOUNT_KEYS = ['id', 'username', 'email', 'first_name', 'last_name', 'is_active', 'is_staff', 'is_superuser', 'date_joined', 'last_login'];

describe('staff accounts API (/accounts/)', () => {
  const logs = new LogCapture();
  let app: TestApp;
  let staff: TestUser;
  let customer: TestUser;

  beforeAll(async () => {
    app = await TestApp.start({ LOG_LEVEL: 'info' }, { logDestination: logs });
    staff = await createUser(app, { staff: true, email: 'staff.accounts@example.com' });
    customer = await createUser(app, { email: 'customer.accounts@example.com' });
  });
  afterAll(async () => {
    await app.close();
  });

  const asStaff = { token: '' };
  beforeEach(() => {
    asStaff.token = staff.access;
  });

  it('is for staff only: 401 anonymous, 403 for a customer on every route', async () => {
    for (const [method, url] of [
      ['GET', '/accounts/'],
      ['GET', '/accounts/me/'],
      ['GET', `/accounts/${customer.id}/`],
      ['PATCH', `/accounts/${customer.id}/`],
    ] as const) {
      expect((await app.request(method, url, method === 'PATCH' ? { is_active: false } : undefined)).status).toBe(401);
      const refused = await app.request(method, url, method === 'PATCH' ? { is_active: false } : undefined, { token: customer.access });
      expect(refused.status).toBe(403);
      expect(refused.body).toEqual(FORBIDDEN);
    }
    expect((await app.get('/auth/users/me/', { token: customer.access })).body.username).toBe(customer.username);
  });

  it('shows an account with its flags, never the password', async () => {
    const me = await app.get('/accounts/me/', asStaff);
    expect(me.status).toBe(200);
    expect(Object.keys(me.body)).toEqual(ACCOUNT_KEYS);
    expect(me.body).toMatchObject({ id: staff.id, username: staff.username, is_staff: true, is_active: true, last_login: null });
    expect(me.body.date_joined).toMatch(/^\d{4}-\d\d-\d\dT/);
    const one = await app.get(`/accounts/${customer.id}/`, asStaff);
    expect(one.body).toMatchObject({ id: customer.id, email: 'customer.accounts@example.com', is_staff: false });
    expect(one.text).not.toContain('argon2');
    expect((await app.get('/accounts/2147483647/', asStaff)).status).toBe(404);
  });

  it('lists, searches username and email, filters by flags and orders', async () => {
    const tag = `acct${Date.now()}`;
    const inactive = await insertUser(app, { username: `${tag}_b`, email: `zed.${tag}@example.com`, isActive: false });
    const active = await insertUser(app, { username: `${tag}_a`, email: `amy.${tag}@example.com` });

    const found = await app.get(`/accounts/?search=${tag.toUpperCase()}&ordering=username`, asStaff);
    expect(found.status).toBe(200);
    expect(found.body.count).toBe(2);
    expect(found.body.results.map((account: { id: number }) => account.id)).toEqual([active.id, inactive.id]);
    expect((await app.get(`/accounts/?search=zed.${tag}`, asStaff)).body.results.map((a: { id: number }) => a.id)).toEqual([inactive.id]);
    expect((await app.get(`/accounts/?search=${tag}&is_active=false`, asStaff)).body.results.map((a: { id: number }) => a.id)).toEqual([
      inactive.id,
    ]);
    expect((await app.get(`/accounts/?search=${tag}&ordering=-id`, asStaff)).body.results[0].id).toBe(active.id);
    expect((await app.get('/accounts/?is_staff=true', asStaff)).body.results.every((a: { is_staff: boolean }) => a.is_staff)).toBe(true);

    expect((await app.get('/accounts/?ordering=password', asStaff)).body).toEqual({ ordering: ['"password" is not a valid choice.'] });
    expect((await app.get('/accounts/?ordering=username,-password', asStaff)).body).toEqual({ ordering: ['"-password" is not a valid choice.'] });
  });

  it('orders by several comma-separated keys, as DRF\'s OrderingFilter takes them', async () => {
    const tag = `multi${Date.now()}`;
    const [a, b, c] = [await insertUser(app, { username: `${tag}_a` }), await insertUser(app, { username: `${tag}_b` }), await insertUser(app, { username: `${tag}_c` })];
    await usersTable(app).update({ id: b.id }, { lastLogin: new Date() });
    const ids = async (ordering: string) =>
      (await app.get(`/accounts/?search=${tag}&ordering=${encodeURIComponent(ordering)}`, asStaff)).body.results.map((account: { id: number }) => account.id);
    // Never logged in sorts last descending and first ascending; the second key orders those ties.
    expect(await ids('-last_login,username')).toEqual([b.id, a.id, c.id]);
    expect(await ids('last_login,-username')).toEqual([c.id, a.id, b.id]);
    expect(await ids(' -last_login , -username ')).toEqual([b.id, c.id, a.id]);
    expect(await ids('-last_login,-id')).toEqual([b.id, c.id, a.id]);
    expect((await app.get('/accounts/?is_active=maybe', asStaff)).body).toEqual({ is_active: ['Must be a valid boolean.'] });
  });

  it('deactivates an account, which is locked out at once, and reactivates it; each change logged with who made it', async () => {
    const user = await createUser(app);
    const off = await app.patch(`/accounts/${user.id}/`, { is_active: false }, asStaff);
    expect(off.status).toBe(200);
    expect(off.body.is_active).toBe(false);

    const locked = await app.get('/cart/', { token: user.access });
    expect(locked.status).toBe(401);
    expect(locked.body).toMatchObject({ code: 'user_inactive' });
    expect((await app.post('/auth/jwt/refresh/', { refresh: user.refresh })).status).toBe(401);
    expect((await app.post('/auth/jwt/create/', { username: user.username, password: user.password })).status).toBe(401);

    const on = await app.patch(`/accounts/${user.id}/`, { is_active: true }, asStaff);
    expect(on.body.is_active).toBe(true);
    expect((await app.get('/cart/', { token: user.access })).status).toBe(200);

    const changes = logs.lines.filter((line) => line.accountId === user.id);
    expect(changes.map((line) => [line.actorId, line.changes])).toEqual([
      [staff.id, { isActive: false }],
      [staff.id, { isActive: true }],
    ]);
  });

  it('grants and revokes staff', async () => {
    const user = await createUser(app);
    const category = () => app.post('/categories/', { name: `granted ${Date.now()} ${Math.random()}` }, { token: user.access });
    expect((await category()).status).toBe(403);
    expect((await app.patch(`/accounts/${user.id}/`, { is_staff: true }, asStaff)).body.is_staff).toBe(true);
    expect((await category()).status).toBe(201);
    expect((await app.patch(`/accounts/${user.id}/`, { is_staff: false }, asStaff)).body.is_staff).toBe(false);
    expect((await category()).status).toBe(403);
  });

  it('refuses changes to your own account, bad values and unknown ids; an empty PATCH changes nothing', async () => {
    const own = await app.patch(`/accounts/${staff.id}/`, { is_active: false }, asStaff);
    expect(own.status).toBe(409);
    expect(own.body).toEqual({
      detail: 'You cannot change is_active or is_staff of your own account; ask another staff member.',
      code: 'own_account',
    });
    expect((await usersTable(app).findOneByOrFail({ id: staff.id })).isActive).toBe(true);
    expect((await app.patch(`/accounts/${customer.id}/`, { is_staff: 'sure' }, asStaff)).body).toEqual({ is_staff: ['Must be a valid boolean.'] });
    expect((await app.patch('/accounts/2147483647/', { is_active: false }, asStaff)).status).toBe(404);
    const unchanged = await app.patch(`/accounts/${customer.id}/`, { username: 'renamed', is_superuser: true }, asStaff);
    expect(unchanged.status).toBe(200);
    expect(unchanged.body).toMatchObject({ username: customer.username, is_superuser: false });
  });
});

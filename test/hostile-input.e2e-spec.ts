import { monitorEventLoopDelay } from 'node:perf_hooks';
import { TestApp, TestResponse } from './support/test-app.js';
import { createUser, TestUser } from './support/users.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** An object of `count` short keys (`0`, `1`, … in base 36), what a hostile client pads a body with. */
function manyKeys(count: number): Record<string, number> {
  return Object.fromEntries(Array.from({ length: count }, (_, index) => [`_${index.toString(36)}`, 0]));
}

/**
 * The longest the event loop stood still while `send` ran: every other request of the process
 * (here /health/live, answered beside it) waits at least that long.
 */
async function longestStall(send: () => Promise<unknown>): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  await send();
  histogram.disable();
  return histogram.max / 1e6;
}

describe('hostile request bodies', () => {
  let app: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    app = await TestApp.start();
    user = await createUser(app);
  });
  afterAll(async () => {
    await app.close();
  });

  // Before the fix, 100,000 keys (about 900 KB) sent to jwt/verify/ stalled the event loop for
  // 6 s on a CI machine (12–28 s in the security review): class-transformer de-duplicates keys
  // in quadratic time. Two seconds is far above a normal request's stall and well below the old one.
  const STALL_BOUND_MS = 2000;

  it('answers a JSON body of 100,000 keys with 400 at once, and the server keeps serving meanwhile', async () => {
    const raw = JSON.stringify({ token: 'x', ...manyKeys(100_000) });
    expect(raw.length).toBeGreaterThan(900_000);
    expect(raw.length).toBeLessThan(app.env.BODY_LIMIT);
    let response: TestResponse | undefined;
    const stall = await longestStall(async () => {
      const [verify, live] = await Promise.all([app.post('/auth/jwt/verify/', undefined, { raw }), app.get('/health/live')]);
      response = verify;
      expect(live.status).toBe(200);
    });
    expect(response!.status).toBe(400);
    expect(response!.body).toEqual({ detail: 'JSON parse error - more than 1000 keys.' });
    expect(stall).toBeLessThan(STALL_BOUND_MS);
  });

  it('answers JSON nested 10,000 deep with 400, not a 500 from a stack overflow', async () => {
    const raw = `{"token": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const response = await app.post('/auth/jwt/verify/', undefined, { raw });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ detail: 'JSON parse error - nested deeper than 32 levels.' });
    const objects = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    expect((await app.post('/auth/jwt/create/', undefined, { raw: objects })).body).toEqual({
      detail: 'JSON parse error - nested deeper than 32 levels.',
    });
  });

  it('answers a form of 100,000 fields with 400, as Django refuses more than 1,000', async () => {
    const raw = new URLSearchParams(Object.entries(manyKeys(100_000)).map(([name, value]): [string, string] => [name, String(value)])).toString();
    expect(raw.length).toBeLessThan(app.env.BODY_LIMIT);
    let response: TestResponse | undefined;
    const stall = await longestStall(async () => {
      response = await app.post('/auth/jwt/create/', undefined, { raw, headers: FORM });
    });
    expect(response!.status).toBe(400);
    expect(response!.body).toEqual({ detail: 'Form parse error - more than 1000 fields.' });
    expect(stall).toBeLessThan(STALL_BOUND_MS);
    // The same name a thousand and one times counts as many fields, as in Django.
    const repeated = Array.from({ length: 1001 }, () => 'username=a').join('&');
    expect((await app.post('/auth/jwt/create/', undefined, { raw: repeated, headers: FORM })).status).toBe(400);
  });

  it('still takes bodies up to the limits, unknown fields ignored', async () => {
    const body = { username: user.username, password: user.password, ...manyKeys(998) };
    const response = await app.post('/auth/jwt/create/', body);
    expect(response.status).toBe(200);
    const nested = `{"username": ${JSON.stringify(user.username)}, "password": ${JSON.stringify(user.password)}, "x": ${'['.repeat(30)}${']'.repeat(30)}}`;
    expect((await app.post('/auth/jwt/create/', undefined, { raw: nested })).status).toBe(200);
  });

  it('gives a list or an object where a string belongs the DRF message, whatever it holds', async () => {
    const big = Array.from({ length: 100_000 }, (_, index) => index);
    expect((await app.post('/auth/jwt/verify/', { token: big })).body).toEqual({ token: ['Not a valid string.'] });
    expect((await app.post('/auth/jwt/verify/', { token: manyKeys(900) })).body).toEqual({ token: ['Not a valid string.'] });
    const login = await app.post('/auth/jwt/create/', { username: [user.username], password: { value: user.password } });
    expect(login.body).toEqual({ username: ['Not a valid string.'], password: ['Not a valid string.'] });
  });

  it('keeps a nested object\'s declared fields (and a form\'s dotted names) through the narrowing', async () => {
    const address = { full_name: 'Alice Liddell', line1: '1 Rabbit Hole', city: 'Oxford', postal_code: 'OX1 1AA', country: 'XX', ...manyKeys(10) };
    const json = await app.post('/orders/', { shipping_address: address }, { token: user.access });
    expect(json.status).toBe(400);
    expect(json.body).toEqual({ shipping_address: { country: ['"XX" is not a valid choice.'] } });
    const form = new URLSearchParams({ 'shipping_address.full_name': 'Alice Liddell', 'shipping_address.country': 'XX', unknown: '1' }).toString();
    const fromForm = await app.post('/orders/', undefined, { raw: form, headers: FORM, token: user.access });
    expect(fromForm.status).toBe(400);
    expect(Object.keys(fromForm.body.shipping_address).sort()).toEqual(['city', 'country', 'line1', 'postal_code']);
  });
});

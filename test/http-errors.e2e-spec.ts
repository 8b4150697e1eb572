import { expectNoLeak } from './support/auth.js';
import { TestApp, TestResponse } from './support/test-app.js';
import { createUser, TestUser, uniqueName } from './support/users.js';

const REQUIRED = ['This field is required.'];

function expectError(response: TestResponse, status: number, body?: unknown): void {
  expect(response.status, response.text).toBe(status);
  expect(String(response.headers['content-type'])).toMatch(/^application\/json/);
  if (body !== undefined) expect(response.body).toEqual(body);
  expectNoLeak(response);
}

describe('HTTP behaviour shared by every endpoint', () => {
  let app: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    app = await TestApp.start({ LOGIN_FAILURE_LIMIT: '100000' });
    user = await createUser(app);
  });
  afterAll(async () => {
    await app.close();
  });

  describe('request bodies', () => {
    it('answers 400 {"detail": "JSON parse error - …"} to malformed JSON', async () => {
      for (const raw of ['{"username": ', '{username: "a"}', "{'a': 1}", '{"a": 1,}', 'nope']) {
        const response = await app.post('/auth/jwt/create/', undefined, { raw });
        expectError(response, 400);
        expect(Object.keys(response.body)).toEqual(['detail']);
        expect(response.body.detail).toMatch(/^JSON parse error - ./);
      }
    });

    it('answers 400 non_field_errors when the JSON body is not an object', async () => {
      const cases: Array<[string, string]> = [
        ['[1, 2]', 'list'],
        ['"text"', 'str'],
        ['42', 'int'],
        ['4.5', 'float'],
        ['true', 'bool'],
      ];
      for (const [raw, type] of cases) {
        const response = await app.post('/auth/jwt/create/', undefined, { raw });
        expectError(response, 400, { non_field_errors: [`Invalid data. Expected a dictionary, but got ${type}.`] });
      }
    });

    it('treats an empty body as no data: "This field is required." for each field', async () => {
      expectError(await app.post('/auth/jwt/create/', undefined, { raw: '' }), 400, { username: REQUIRED, password: REQUIRED });
      expectError(await app.post('/auth/jwt/create/', undefined, { raw: '   ' }), 400, { username: REQUIRED, password: REQUIRED });
      expectError(await app.post('/auth/jwt/create/'), 400, { username: REQUIRED, password: REQUIRED });
    });

    it('accepts an HTML form body, as DRF\'s FormParser does', async () => {
      const raw = new URLSearchParams({ username: user.username, password: user.password }).toString();
      const response = await app.post('/auth/jwt/create/', undefined, { raw, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(response.status).toBe(200);
      expect(response.body.access).toEqual(expect.any(String));
    });

    it('reads a repeated form field as its last value, as Django\'s QueryDict does', async () => {
      const raw = `username=nobody&username=${encodeURIComponent(user.username)}&password=${encodeURIComponent(user.password)}`;
      const response = await app.post('/auth/jwt/create/', undefined, { raw, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(response.status).toBe(200);
    });

    describe('multipart/form-data, as DRF\'s MultiPartParser takes it (form fields only)', () => {
      /** The body and Content-Type that fetch sends for a FormData, as `new FormData(form)` in a browser does. */
      async function multipart(form: FormData, extra: Record<string, string> = {}) {
        const encoded = new Request('http://localhost/', { method: 'POST', body: form });
        const raw = Buffer.from(await encoded.arrayBuffer()).toString('utf8');
        return { raw, headers: { 'content-type': encoded.headers.get('content-type')!, ...extra } };
      }
      const login = (fields: Record<string, string>) => {
        const form = new FormData();
        for (const [name, value] of Object.entries(fields)) form.append(name, value);
        return form;
      };

      it('accepts form fields, the last of repeated ones winning', async () => {
        const ok = await app.post('/auth/jwt/create/', undefined, await multipart(login({ username: user.username, password: user.password })));
        expect(ok.status, ok.text).toBe(200);
        expect(ok.body.access).toEqual(expect.any(String));
        const repeated = login({ username: 'nobody', password: user.password });
        repeated.append('username', user.username);
        expect((await app.post('/auth/jwt/create/', undefined, await multipart(repeated))).status).toBe(200);
        const wrong = await app.post('/auth/jwt/create/', undefined, await multipart(login({ username: user.username, password: 'nope' })));
        expectError(wrong, 401, { detail: 'No active account found with the given credentials' });
      });

      it('validates form fields as JSON ones, and reads an empty form as no data', async () => {
        expectError(await app.post('/auth/jwt/create/', undefined, await multipart(login({ username: user.username }))), 400, { password: REQUIRED });
        const empty = await app.post('/auth/jwt/create/', undefined, { raw: '', headers: { 'content-type': 'multipart/form-data; boundary=x' } });
        expectError(empty, 400, { username: REQUIRED, password: REQUIRED });
      });

      it('refuses a file part with 400 "Multipart form parse error - …", and skips an empty file input', async () => {
        const withFile = login({ username: user.username, password: user.password });
        withFile.append('avatar', new Blob(['\x89PNG'], { type: 'image/png' }), 'me.png');
        expectError(await app.post('/auth/jwt/create/', undefined, await multipart(withFile)), 400, {
          detail: 'Multipart form parse error - file uploads are not accepted ("avatar" is a file).',
        });
        // A file input left empty: `new FormData(form)` sends it with an empty filename, and Django skips it.
        const emptyInput = login({ username: user.username, password: user.password });
        emptyInput.append('avatar', new File([], ''));
        expect((await app.post('/auth/jwt/create/', undefined, await multipart(emptyInput))).status).toBe(200);
      });

      it('answers 400 to a malformed multipart body and 413 past the body limit', async () => {
        const noBoundary = await app.post('/auth/jwt/create/', undefined, { raw: 'username=a', headers: { 'content-type': 'multipart/form-data' } });
        expectError(noBoundary, 400);
        expect(noBoundary.body.detail).toMatch(/^Multipart form parse error - ./);
        const cut = await multipart(login({ username: user.username, password: user.password }));
        const truncated = await app.post('/auth/jwt/create/', undefined, { ...cut, raw: cut.raw.slice(0, cut.raw.length - 20) });
        expectError(truncated, 400);
        expect(truncated.body.detail).toMatch(/^Multipart form parse error - ./);
        const big = await app.post('/auth/jwt/create/', undefined, await multipart(login({ username: 'a', password: 'x'.repeat(1024 * 1024 + 10) })));
        expectError(big, 413, { detail: 'Request body is too large.' });
      });

      it('reads a nested object from `field.subfield` names, as DRF reads HTML input (urlencoded and multipart)', async () => {
        const address = { full_name: 'Alice Liddell', line1: '1 Rabbit Hole', city: 'Oxford', postal_code: 'OX1 1AA', country: 'GB' };
        const form = new FormData();
        for (const [name, value] of Object.entries(address)) form.append(`shipping_address.${name}`, value);
        // The address is read and valid: what is left is the empty cart.
        const multipartCheckout = await app.post('/orders/', undefined, { ...(await multipart(form)), token: user.access });
        expectError(multipartCheckout, 400, { non_field_errors: ['Your cart is empty.'] });
        const urlencoded = new URLSearchParams(Object.entries(address).map(([name, value]): [string, string] => [`shipping_address.${name}`, value])).toString();
        const formCheckout = await app.post('/orders/', undefined, {
          raw: urlencoded,
          token: user.access,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
        expectError(formCheckout, 400, { non_field_errors: ['Your cart is empty.'] });
        const partial = await app.post('/orders/', undefined, {
          raw: 'shipping_address.full_name=Alice&shipping_address.country=XX',
          token: user.access,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
        expectError(partial, 400, {
          shipping_address: { line1: REQUIRED, city: REQUIRED, postal_code: REQUIRED, country: ['"XX" is not a valid choice.'] },
        });
        const flat = await app.post('/orders/', undefined, { raw: 'shipping_address=Oxford', token: user.access, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        expectError(flat, 400, { shipping_address: REQUIRED });
      });
    });

    it('accepts JSON with a charset parameter', async () => {
      const raw = JSON.stringify({ username: user.username, password: user.password });
      const response = await app.post('/auth/jwt/create/', undefined, { raw, headers: { 'content-type': 'application/json; charset=utf-8' } });
      expect(response.status).toBe(200);
    });

    it('answers 415 to an unsupported content type', async () => {
      const response = await app.post('/auth/jwt/create/', undefined, { raw: 'username=a', headers: { 'content-type': 'text/plain' } });
      expectError(response, 415, { detail: 'Unsupported media type "text/plain" in request.' });
      const xml = await app.post('/auth/users/', undefined, { raw: '<user/>', headers: { 'content-type': 'application/xml' } });
      expectError(xml, 415, { detail: 'Unsupported media type "application/xml" in request.' });
    });

    it('answers 413 to a body over 1 MiB', async () => {
      const raw = JSON.stringify({ username: 'a', password: 'x'.repeat(1024 * 1024 + 10) });
      const response = await app.post('/auth/jwt/create/', undefined, { raw });
      expectError(response, 413);
      expect(Object.keys(response.body)).toEqual(['detail']);
      expect(response.body.detail).toEqual(expect.any(String));
    });

    it('accepts a body just under the limit', async () => {
      const raw = JSON.stringify({ username: uniqueName('ghost'), password: 'x'.repeat(1000 * 1000) });
      const response = await app.post('/auth/jwt/create/', undefined, { raw });
      expectError(response, 401, { detail: 'No active account found with the given credentials' });
    });

    it('ignores prototype-polluting keys', async () => {
      const raw = `{"username": "${user.username}", "password": "${user.password}", "__proto__": {"isStaff": true}, "constructor": {"prototype": {"x": 1}}}`;
      const response = await app.post('/auth/jwt/create/', undefined, { raw });
      expect([200, 400]).toContain(response.status);
      expectNoLeak(response);
      expect(({} as Record<string, unknown>).isStaff).toBeUndefined();
    });
  });

  describe('routing', () => {
    it('answers 404 {"detail": "Not found."} to an unknown path, whatever the method', async () => {
      for (const [method, url] of [
        ['GET', '/nope/'],
        ['POST', '/auth/nope/'],
        ['GET', '/auth/users/me/extra/'],
        ['DELETE', '/auth/jwt/'],
      ]) {
        const response = await app.request(method, url, undefined, { token: user.access });
        expectError(response, 404, { detail: 'Not found.' });
      }
    });

    it('answers 405 with an Allow header to a wrong method on a known path', async () => {
      const patch = await app.patch('/auth/jwt/create/', { username: 'a', password: 'b' });
      expectError(patch, 405, { detail: 'Method "PATCH" not allowed.' });
      expect(String(patch.headers.allow).split(/,\s*/)).toContain('POST');

      const get = await app.get('/auth/jwt/refresh');
      expectError(get, 405, { detail: 'Method "GET" not allowed.' });

      const post = await app.post(`/auth/users/${user.id}/`, {}, { token: user.access });
      expectError(post, 405, { detail: 'Method "POST" not allowed.' });
      expect(String(post.headers.allow).split(/,\s*/)).toEqual(expect.arrayContaining(['GET', 'PUT', 'PATCH', 'DELETE']));

      const deleteList = await app.delete('/auth/users/', undefined, { token: user.access });
      expectError(deleteList, 405, { detail: 'Method "DELETE" not allowed.' });
      expect(String(deleteList.headers.allow).split(/,\s*/)).toEqual(expect.arrayContaining(['GET', 'POST']));

      // An action path that also fits `users/{id}/`: DRF routes it as the action, so 405.
      const getAction = await app.get('/auth/users/set_password/', { token: user.access });
      expectError(getAction, 405, { detail: 'Method "GET" not allowed.' });
      expect(getAction.headers.allow).toBe('POST, OPTIONS');
      expectError(await app.get('/auth/users/not-an-id/', { token: user.access }), 404, { detail: 'Not found.' });
    });

    it("answers OPTIONS as DRF does: 200, Allow in Django's order, and DRF's metadata", async () => {
      const parses = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'];
      const cases: Array<[string, string, string]> = [
        ['/products/', 'GET, POST, HEAD, OPTIONS', 'Product List'],
        ['/products/1/', 'GET, PUT, PATCH, DELETE, HEAD, OPTIONS', 'Product Instance'],
        ['/categories', 'GET, POST, HEAD, OPTIONS', 'Category List'],
        ['/auth/users/', 'GET, POST, HEAD, OPTIONS', 'User List'],
        [`/auth/users/${user.id}/`, 'GET, PUT, PATCH, DELETE, HEAD, OPTIONS', 'User Instance'],
        ['/auth/users/me/', 'GET, PUT, PATCH, DELETE, HEAD, OPTIONS', 'Me'],
        // An action that also fits `users/{id}/`: DRF routes it as the action alone.
        ['/auth/users/set_password/', 'POST, OPTIONS', 'Set password'],
        ['/auth/jwt/create/', 'POST, OPTIONS', 'Create'],
        ['/cart/items/3/', 'PATCH, DELETE, OPTIONS', 'Item Instance'],
      ];
      for (const [url, allow, name] of cases) {
        // With or without credentials: the metadata is public, as the OpenAPI document is.
        for (const options of [{}, { token: user.access }]) {
          const response = await app.request('OPTIONS', url, undefined, options);
          expect(response.status, url).toBe(200);
          expect(String(response.headers['content-type'])).toMatch(/^application\/json/);
          expect(response.headers.allow, url).toBe(allow);
          expect(response.body).toEqual({ name, description: '', renders: ['application/json'], parses });
        }
      }
      expectError(await app.request('OPTIONS', '/nope/'), 404, { detail: 'Not found.' });
      expectError(await app.request('OPTIONS', '/auth/users/me/extra/'), 404, { detail: 'Not found.' });
    });

    it('serves paths with and without the trailing slash', async () => {
      for (const url of ['/auth/users/me/', '/auth/users/me', `/auth/users/${user.id}/`, `/auth/users/${user.id}`]) {
        const response = await app.get(url, { token: user.access });
        expect(response.status, url).toBe(200);
        expect(response.body.id).toBe(user.id);
      }
      for (const url of ['/auth/jwt/verify/', '/auth/jwt/verify']) {
        expect((await app.post(url, { token: user.access })).status, url).toBe(200);
      }
      for (const url of ['/health/live', '/health/live/']) {
        expect((await app.get(url)).status, url).toBe(200);
      }
    });
  });

  describe('response headers', () => {
    it('carries helmet\'s security headers and no X-Powered-By, on success and on errors', async () => {
      const responses = [await app.get('/auth/users/me/', { token: user.access }), await app.get('/nope/'), await app.get('/auth/users/me/')];
      for (const response of responses) {
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
        expect(response.headers['content-security-policy']).toContain("default-src 'self'");
        expect(response.headers['referrer-policy']).toBe('no-referrer');
        expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
        expect(response.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('sends no CORS headers when CORS_ORIGINS is empty', async () => {
      const simple = await app.get('/health/live', { headers: { origin: 'https://shop.example.com' } });
      expect(simple.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await app.request('OPTIONS', '/auth/users/me/', undefined, {
        headers: { origin: 'https://shop.example.com', 'access-control-request-method': 'GET' },
      });
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
    });
  });

  describe('health', () => {
    it('answers 200 on /health/live and /health/ready', async () => {
      const live = await app.get('/health/live');
      expect(live.status).toBe(200);
      expect(live.body.status).toBe('ok');
      const ready = await app.get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.status).toBe('ok');
    });
  });

  describe('nothing internal leaks', () => {
    it('answers odd input with a 4xx, never a stack trace or SQL', async () => {
      const token = { token: user.access };
      const probes: Array<() => Promise<TestResponse>> = [
        () => app.post('/auth/jwt/create/', { username: 'nul\u0000byte', password: 'x' }),
        () => app.post('/auth/jwt/create/', { username: 'x'.repeat(10_000), password: 'x' }),
        () => app.post('/auth/jwt/create/', { username: "' OR 1=1 --", password: "' OR 1=1 --" }),
        () => app.post('/auth/jwt/create/', { username: 12345, password: 12345 }),
        () => app.post('/auth/jwt/create/', { username: { $ne: null }, password: [] }),
        () => app.post('/auth/jwt/refresh/', { refresh: 'x'.repeat(100_000) }),
        () => app.post('/auth/jwt/verify/', { token: '\u0000' }),
        () => app.post('/auth/users/', { username: uniqueName(), password: 'Velvet\u0000Harbour-93', re_password: 'Velvet\u0000Harbour-93', email: 'a\u0000@example.com' }),
        () => app.post('/auth/users/reset_password/', { email: 'nul\u0000@example.com' }),
        () => app.post('/auth/users/reset_password_confirm/', { uid: 'MjE0NzQ4MzY0OA', token: 'x-y', new_password: 'Velvet-Harbour-93' }),
        () => app.post('/auth/users/activation/', { uid: '\u0000', token: '\u0000' }),
        () => app.get('/auth/users/2147483648/', token),
        () => app.get('/auth/users/?page=99999999999999999999', token),
        () => app.get('/auth/users/?page=-1', token),
        () => app.patch('/auth/users/me/', { email: `${'a'.repeat(300)}@example.com` }, token),
        () => app.post('/auth/users/set_username/', { current_password: user.password, new_username: 'x'.repeat(151) }, token),
        () => app.post('/auth/jwt/create/', undefined, { raw: '['.repeat(10_000) + ']'.repeat(10_000) }),
        () => app.get('/%E0%A4%A', token),
      ];
      for (const [index, probe] of probes.entries()) {
        const response = await probe();
        expect(response.status, `probe ${index}: ${response.text}`).toBeGreaterThanOrEqual(400);
        expect(response.status, `probe ${index}: ${response.text}`).toBeLessThan(500);
        expectNoLeak(response);
      }
    });

    it('reads page_size as DRF does: never an error', async () => {
      for (const size of ['1000', 'abc', '0', '-1', '1e9', '99999999999999999999']) {
        const response = await app.get(`/auth/users/?page_size=${size}`, { token: user.access });
        expect(response.status, size).toBe(200);
        expect(response.body.results).toEqual([expect.objectContaining({ id: user.id })]);
      }
    });

    it('refuses NUL characters in login fields with DRF\'s message (PostgreSQL cannot store or compare them)', async () => {
      const response = await app.post('/auth/jwt/create/', { username: `${user.username}\u0000`, password: `${user.password}\u0000` });
      expectError(response, 400, { username: ['Null characters are not allowed.'], password: ['Null characters are not allowed.'] });
    });
  });
});

describe('CORS with CORS_ORIGINS set', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ CORS_ORIGINS: 'https://shop.example.com, https://admin.example.com' });
  });
  afterAll(async () => {
    await app.close();
  });

  it('allows the listed origins on simple requests, exposing Retry-After, ETag and Location', async () => {
    for (const origin of ['https://shop.example.com', 'https://admin.example.com']) {
      const response = await app.get('/health/live', { headers: { origin } });
      expect(response.status).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBe(origin);
      expect(String(response.headers.vary)).toMatch(/Origin/i);
      expect(String(response.headers['access-control-expose-headers'])).toMatch(/Retry-After/);
    }
  });

  it('answers preflights from a listed origin with the methods and headers the API uses', async () => {
    const response = await app.request('OPTIONS', '/auth/users/me/', undefined, {
      headers: { origin: 'https://shop.example.com', 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    expect(response.headers.allow).toBeUndefined();
    expect(response.headers['access-control-allow-origin']).toBe('https://shop.example.com');
    expect(String(response.headers['access-control-allow-methods'])).toContain('PATCH');
    expect(String(response.headers['access-control-allow-headers']).toLowerCase()).toContain('authorization');
  });

  it("answers any other OPTIONS with DRF's metadata, carrying the CORS headers", async () => {
    const fromShop = await app.request('OPTIONS', '/products/', undefined, { headers: { origin: 'https://shop.example.com' } });
    expect(fromShop.status).toBe(200);
    expect(fromShop.headers.allow).toBe('GET, POST, HEAD, OPTIONS');
    expect(fromShop.body.name).toBe('Product List');
    expect(fromShop.headers['access-control-allow-origin']).toBe('https://shop.example.com');
    expect(fromShop.headers['access-control-allow-methods']).toBeUndefined();
    // A request method without an Origin is no preflight: no 400 "Invalid Preflight Request".
    const noOrigin = await app.request('OPTIONS', '/products/', undefined, { headers: { 'access-control-request-method': 'POST' } });
    expect(noOrigin.status).toBe(200);
    expect(noOrigin.body.name).toBe('Product List');
    expect((await app.request('OPTIONS', '/nope/', undefined, { headers: { origin: 'https://shop.example.com' } })).status).toBe(404);
  });

  it('gives other origins no CORS headers', async () => {
    const simple = await app.get('/health/live', { headers: { origin: 'https://evil.example.com' } });
    expect(simple.status).toBe(200);
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await app.request('OPTIONS', '/auth/users/me/', undefined, {
      headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'GET' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    // A prefix or suffix of a listed origin is not that origin.
    const lookalike = await app.get('/health/live', { headers: { origin: 'https://shop.example.com.evil.example' } });
    expect(lookalike.headers['access-control-allow-origin']).toBeUndefined();
  });
});

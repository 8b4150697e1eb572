import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { createCategory, createProduct } from './support/catalog.js';
import { TestApp, TestResponse } from './support/test-app.js';
import { createUser, TestUser } from './support/users.js';

/**
 * Throws generated garbage at every endpoint, anonymous and authenticated, and checks the
 * two promises of the contract: nothing answers 5xx, and a 4xx leaves the database as it was.
 */

type Caller = 'anonymous' | 'user' | 'staff';

interface Endpoint {
  method: string;
  /** `{id}` is replaced by a generated path segment (valid ids included). */
  path: string;
  fields: string[];
  query?: string[];
  /** Request headers to fill with generated values. */
  headers?: string[];
}

const ENDPOINTS: Endpoint[] = [
  { method: 'POST', path: '/auth/users/', fields: ['username', 'password', 're_password', 'email', 'is_staff', 'id'] },
  { method: 'GET', path: '/auth/users/', fields: [], query: ['page', 'page_size'] },
  { method: 'GET', path: '/auth/users/{id}/', fields: [] },
  { method: 'PUT', path: '/auth/users/{id}/', fields: ['email', 'username', 'is_staff'] },
  { method: 'PATCH', path: '/auth/users/{id}/', fields: ['email', 'username', 'is_superuser'] },
  { method: 'DELETE', path: '/auth/users/{id}/', fields: ['current_password'] },
  { method: 'GET', path: '/auth/users/me/', fields: [] },
  { method: 'PUT', path: '/auth/users/me/', fields: ['email', 'username'] },
  { method: 'PATCH', path: '/auth/users/me/', fields: ['email', 'is_active'] },
  { method: 'DELETE', path: '/auth/users/me/', fields: ['current_password'] },
  { method: 'POST', path: '/auth/users/set_password/', fields: ['new_password', 'current_password', 're_new_password'] },
  { method: 'POST', path: '/auth/users/set_username/', fields: ['new_username', 'current_password'] },
  { method: 'POST', path: '/auth/users/reset_password/', fields: ['email'] },
  { method: 'POST', path: '/auth/users/reset_password_confirm/', fields: ['uid', 'token', 'new_password'] },
  { method: 'POST', path: '/auth/users/reset_username/', fields: ['email'] },
  { method: 'POST', path: '/auth/users/reset_username_confirm/', fields: ['uid', 'token', 'new_username'] },
  { method: 'POST', path: '/auth/users/activation/', fields: ['uid', 'token'] },
  { method: 'POST', path: '/auth/users/resend_activation/', fields: ['email'] },
  { method: 'POST', path: '/auth/jwt/create/', fields: ['username', 'password'] },
  { method: 'POST', path: '/auth/jwt/refresh/', fields: ['refresh'] },
  { method: 'POST', path: '/auth/jwt/verify/', fields: ['token'] },
  { method: 'POST', path: '/auth/jwt/blacklist/', fields: ['refresh'] },
  { method: 'GET', path: '/categories/', fields: [], query: ['page', 'page_size', 'search'] },
  { method: 'POST', path: '/categories/', fields: ['name', 'id'] },
  { method: 'GET', path: '/categories/{id}/', fields: [] },
  { method: 'PUT', path: '/categories/{id}/', fields: ['name'] },
  { method: 'PATCH', path: '/categories/{id}/', fields: ['name'] },
  { method: 'DELETE', path: '/categories/{id}/', fields: [] },
  {
    method: 'GET',
    path: '/products/',
    fields: [],
    query: ['page', 'page_size', 'category', 'min_price', 'max_price', 'in_stock', 'search', 'ordering', 'cursor', 'mode'],
  },
  { method: 'POST', path: '/products/', fields: ['name', 'price', 'stock', 'category', 'id'] },
  { method: 'GET', path: '/products/{id}/', fields: [] },
  { method: 'PUT', path: '/products/{id}/', fields: ['name', 'price', 'stock', 'category'] },
  { method: 'PATCH', path: '/products/{id}/', fields: ['name', 'price', 'stock', 'category'] },
  { method: 'DELETE', path: '/products/{id}/', fields: [] },
  { method: 'GET', path: '/cart/', fields: [] },
  { method: 'POST', path: '/cart/', fields: ['product_id', 'quantity'] },
  { method: 'DELETE', path: '/cart/', fields: [] },
  { method: 'PATCH', path: '/cart/items/{id}/', fields: ['quantity'] },
  { method: 'DELETE', path: '/cart/items/{id}/', fields: [] },
  { method: 'POST', path: '/orders/', fields: ['shipping_address', 'user', 'status'], headers: ['idempotency-key'] },
  { method: 'GET', path: '/orders/', fields: [], query: ['page', 'page_size', 'status', 'user', 'mode', 'cursor'] },
  { method: 'GET', path: '/orders/{id}/', fields: [] },
  { method: 'PATCH', path: '/orders/{id}/', fields: ['status', 'user', 'total_price'] },
  { method: 'POST', path: '/orders/{id}/cancel/', fields: [] },
  { method: 'GET', path: '/accounts/', fields: [], query: ['page', 'page_size', 'search', 'is_active', 'is_staff', 'ordering'] },
  { method: 'GET', path: '/accounts/me/', fields: [] },
  { method: 'GET', path: '/accounts/{id}/', fields: [] },
  { method: 'PATCH', path: '/accounts/{id}/', fields: ['is_active', 'is_staff', 'is_superuser', 'username'] },
  { method: 'GET', path: '/health/ready', fields: [] },
];

// Values of the wrong type, out of range, huge, empty, nested, unicode, and a few near-valid ones.
const garbage: fc.Arbitrary<unknown> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.string({ minLength: 300, maxLength: 5000 }),
  fc.constantFrom('', ' ', '\u0000', '0', '-1', '1e309', 'NaN', '12.345', '99999999999', '1; DROP TABLE users', '%', '_', '\\'),
  fc.integer(),
  fc.constantFrom(0, -1, 1, 2147483648, Number.MAX_SAFE_INTEGER, -0.5, 1e308),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.anything(), { maxLength: 4 }),
  fc.object({ maxDepth: 2 }),
);

interface Payload {
  raw?: string;
  value?: unknown;
}

const body: fc.Arbitrary<Payload> = (() => {
  const malformed = fc.constantFrom('{', '{"a":', '[1,2', 'nul', '{"a":1}}', '\u0000', '{"__proto__": {"x": 1}}');
  return fc.oneof(
    { weight: 1, arbitrary: malformed.map((raw) => ({ raw })) },
    { weight: 1, arbitrary: garbage.map((value) => ({ value })) },
    { weight: 6, arbitrary: fc.constant(undefined).map(() => ({})) },
  );
})();

const pathSegment = (validIds: number[]) =>
  fc.oneof(
    fc.constantFrom(...validIds.map(String)),
    fc.constantFrom('0', '-1', 'abc', '1.5', '99999999999', '2147483648', '%00', '..', 'me', ' '),
    fc.string({ maxLength: 20 }).map((text) => encodeURIComponent(text) || 'x'),
  );

const queryString = (names: string[]) =>
  fc
    .array(fc.tuple(fc.constantFrom(...names), garbage), { maxLength: 4 })
    .map((pairs) =>
      pairs.map(([name, value]) => `${name}=${encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value) ?? '')}`).join('&'),
    );

const ADDRESS_FIELDS = ['full_name', 'line1', 'line2', 'city', 'postal_code', 'country', 'phone'];

/** Nested bodies (the checkout's shipping_address) get dictionaries of their own fields, some near-valid. */
const nested: Record<string, fc.Arbitrary<unknown>> = {
  shipping_address: fc.oneof(
    garbage,
    fc.dictionary(fc.constantFrom(...ADDRESS_FIELDS, 'unknown_field'), fc.oneof(garbage, fc.constantFrom('GB', 'gb', 'XX', 'Oxford')), {
      maxKeys: ADDRESS_FIELDS.length + 1,
    }),
  ),
};

function fieldsBody(fields: string[]) {
  return fc
    .array(fc.constantFrom(...fields, 'unknown_field'), { maxLength: fields.length + 1 })
    .chain((names) => fc.tuple(...names.map((name) => (nested[name] ?? garbage).map((value) => [name, value] as const))))
    .map((entries) => Object.fromEntries(entries));
}

/** Header values (only what HTTP can carry): empty, long, spaces, near-valid keys. */
const headerValue = fc.oneof(
  fc.constantFrom('', ' ', 'key-1', 'x'.repeat(256), 'a b', '*'),
  fc.string({ maxLength: 300 }).map((text) => text.replace(/[^\x20-\x7e]/g, '')),
);

const TABLES = ['users', 'refresh_tokens', 'categories', 'products', 'cart_items', 'orders', 'order_items', 'idempotency_keys'];

describe('fuzzing every endpoint', () => {
  let app: TestApp;
  let dataSource: DataSource;
  let callers: Record<Exclude<Caller, 'anonymous'>, TestUser>;
  let validIds: number[];

  beforeAll(async () => {
    // A database of its own: the "nothing changed" check must not see other test files' writes.
    app = await TestApp.start({}, { freshDatabase: true });
    dataSource = app.app.get(DataSource);
    callers = { user: await createUser(app), staff: await createUser(app, { staff: true }) };
    const category = await createCategory(app);
    const product = await createProduct(app, { categoryId: category.id, price: '9.99', stock: 5 });
    await app.post('/cart/', { product_id: product.id, quantity: 1 }, { token: callers.user.access });
    const address = { full_name: 'A', line1: 'B', city: 'C', postal_code: 'D', country: 'GB' };
    const order = await app.post('/orders/', { shipping_address: address }, { token: callers.user.access });
    const cartLine = await app.post('/cart/', { product_id: product.id, quantity: 1 }, { token: callers.user.access });
    validIds = [callers.user.id, callers.staff.id, category.id, product.id, cartLine.body.id, order.body.id];
  });

  afterAll(async () => {
    await app.close();
  });

  async function fingerprint(): Promise<string> {
    const parts = await Promise.all(
      TABLES.map(async (table) => {
        const [row] = await dataSource.query(
          `SELECT count(*)::text AS n, md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS h FROM ${table} t`,
        );
        return `${table}:${row.n}:${row.h}`;
      }),
    );
    return parts.join('|');
  }

  it.each(ENDPOINTS.map((endpoint) => [`${endpoint.method} ${endpoint.path}`, endpoint] as const))(
    '%s never answers 5xx, and a 4xx changes nothing',
    async (_name, endpoint) => {
      const request = fc.record({
        caller: fc.constantFrom<Caller>('anonymous', 'user', 'staff'),
        segment: pathSegment(validIds),
        query: endpoint.query ? queryString(endpoint.query) : fc.constant(''),
        headers: fc.dictionary(fc.constantFrom(...(endpoint.headers ?? ['x-unused'])), headerValue, {
          maxKeys: endpoint.headers ? endpoint.headers.length : 0,
        }),
        body:
          endpoint.fields.length > 0
            ? fc.oneof(body, fieldsBody(endpoint.fields).map((value): Payload => ({ value })))
            : body,
      });
      await fc.assert(
        fc.asyncProperty(request, async ({ caller, segment, query, headers, body: payload }) => {
          const url = endpoint.path.replace('{id}', segment) + (query ? `?${query}` : '');
          const before = await fingerprint();
          const response: TestResponse = await app.request(endpoint.method, url, payload.value, {
            raw: payload.raw,
            headers,
            token: caller === 'anonymous' ? undefined : callers[caller].access,
          });
          const context = `${endpoint.method} ${url} as ${caller} → ${response.status} ${response.text.slice(0, 200)}`;
          expect(response.status, context).toBeLessThan(500);
          if (response.status >= 400) expect(await fingerprint(), context).toBe(before);
          expect(response.text, context).not.toMatch(/QueryFailedError|\bat .+\.(js|ts):\d+|SELECT .* FROM/);
        }),
        { numRuns: 25, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) },
      );
    },
  );
});

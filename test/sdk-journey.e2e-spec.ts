import { DataSource } from 'typeorm';
// The built SDK, as a storefront installs it: `npm run sdk` (after `npm ci` in sdk/) builds it.
import { createStorefrontClient, StorefrontClient, StorefrontError, Tokens } from '../sdk/src/index.js';
import { User } from '../src/users/entities/user.entity.js';
import { TestApp } from './support/test-app.js';
import { STRONG_PASSWORD, uniqueName } from './support/users.js';

/**
 * A storefront's whole journey through @storedeal/sdk against a listening server: register,
 * log in, browse the catalogue with filters, fill the cart, survive an expired access token
 * (the SDK refreshes and retries), check out (a lost response is retried with the same
 * Idempotency-Key and buys once), read the order history, log out. Access tokens live 2 seconds here, so expiry
 * is real, not simulated.
 */
describe('storefront journey through @storedeal/sdk', () => {
  const ACCESS_LIFETIME_SECONDS = 2;
  let app: TestApp;
  let baseUrl: string;
  /** Every HTTP exchange the SDK clients made, as "METHOD /path/ status". */
  let exchanges: string[] = [];

  const recordingFetch = async (input: Request): Promise<Response> => {
    const response = await fetch(input);
    exchanges.push(`${input.method} ${new URL(input.url).pathname} ${response.status}`);
    return response;
  };
  /** Loses the response of the first checkout, after the server has handled it (a dropped connection). */
  let loseNextCheckoutResponse = false;
  const lossyFetch = async (input: Request): Promise<Response> => {
    const response = await recordingFetch(input);
    if (loseNextCheckoutResponse && input.method === 'POST' && new URL(input.url).pathname === '/orders/') {
      loseNextCheckoutResponse = false;
      throw new TypeError('fetch failed: connection reset');
    }
    return response;
  };
  const newClient = (): StorefrontClient => createStorefrontClient({ baseUrl, fetch: lossyFetch });

  /** Sleeps until the stored access token has expired on the server's clock. */
  async function waitForExpiry(client: StorefrontClient): Promise<void> {
    const tokens = await client.tokenStore.get();
    if (!tokens) throw new Error('not logged in');
    const claims = JSON.parse(Buffer.from(tokens.access.split('.')[1], 'base64url').toString('utf8')) as { exp: number };
    const expiresAt = claims.exp * 1000;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now()) + 100));
  }

  beforeAll(async () => {
    app = await TestApp.start({ JWT_ACCESS_LIFETIME: String(ACCESS_LIFETIME_SECONDS) });
    await app.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = await app.app.getUrl();
  });
  afterAll(async () => {
    await app?.close();
  });

  /** A staff member fills the catalogue through the API (promoted to staff in the database). */
  async function stockTheCatalogue() {
    const staff = newClient();
    const username = uniqueName('staff');
    const { data: registered } = await staff.POST('/auth/users/', {
      body: { username, password: STRONG_PASSWORD, re_password: STRONG_PASSWORD },
    });
    if (!registered) throw new Error('staff registration failed');
    await app.app.get(DataSource).getRepository(User).update({ id: registered.id }, { isStaff: true });
    await staff.login(username, STRONG_PASSWORD);

    const { data: category, response } = await staff.POST('/categories/', { body: { name: uniqueName('Phones') } });
    expect(response.status).toBe(201);
    if (!category) throw new Error('category creation failed');
    const product = async (name: string, price: string, stock: number) => {
      const { data } = await staff.POST('/products/', { body: { name, price, stock, category: category.id } });
      if (!data) throw new Error(`product ${name} was not created`);
      return data;
    };
    const marker = uniqueName('journey');
    const phone = await product(`${marker} phone`, '699.00', 12);
    const soldOut = await product(`${marker} retro phone`, '19.99', 0);
    const caseProduct = await product(`${marker} case`, '9.50', 100);
    await staff.logout();
    return { category, marker, phone, soldOut, caseProduct };
  }

  it('registers, logs in, shops, refreshes an expired token and logs out', async () => {
    const { category, marker, phone, soldOut, caseProduct } = await stockTheCatalogue();
    const shop = newClient();

    // Register (Djoser: the password twice) and log in.
    const username = uniqueName('shopper');
    const registered = await shop.POST('/auth/users/', {
      body: { username, password: STRONG_PASSWORD, re_password: STRONG_PASSWORD, email: `${username}@example.com` },
    });
    expect(registered.response.status).toBe(201);
    expect(registered.data).toEqual({ id: expect.any(Number), username, email: `${username}@example.com` });
    const wrongPassword = await shop.login(username, 'wrong-password').catch((error: unknown) => error);
    expect(wrongPassword).toBeInstanceOf(StorefrontError);
    expect(wrongPassword).toMatchObject({ status: 401, body: { detail: 'No active account found with the given credentials' } });
    expect(await shop.tokenStore.get()).toBeNull();
    const tokens: Tokens = await shop.login(username, STRONG_PASSWORD);
    expect(await shop.tokenStore.get()).toEqual(tokens);
    const me = await shop.GET('/auth/users/me/');
    expect(me.data).toEqual({ id: registered.data!.id, username, email: `${username}@example.com` });

    // Browse: filters and ordering, offset pagination.
    const inStock = await shop.GET('/products/', {
      params: { query: { category: category.id, in_stock: true, min_price: '5.00', ordering: '-price' } },
    });
    expect(inStock.response.status).toBe(200);
    expect(inStock.data).toMatchObject({ count: 2, next: null, previous: null, results: [phone, caseProduct] });
    const byName = await shop.GET('/products/', { params: { query: { search: marker.toUpperCase(), ordering: 'name', page_size: 2 } } });
    expect(byName.data).toMatchObject({ count: 3, previous: null, results: [caseProduct, phone] });
    const next = byName.data && 'count' in byName.data ? byName.data.next : null;
    expect(next).toMatch(/[?&]page=2(&|$)/);
    const secondPage = await shop.GET('/products/', {
      params: { query: { search: marker.toUpperCase(), ordering: 'name', page_size: 2, page: 2 } },
    });
    expect(secondPage.data).toMatchObject({ count: 3, next: null, results: [soldOut] });
    const detail = await shop.GET('/products/{id}/', { params: { path: { id: soldOut.id } } });
    expect(detail.data).toEqual({ id: soldOut.id, name: `${marker} retro phone`, price: '19.99', stock: 0, category: category.id });

    // Fill the cart: 201 for a new line, 200 when the line's quantity is set again.
    const added = await shop.POST('/cart/', { body: { product_id: phone.id } });
    expect(added.response.status).toBe(201);
    expect(added.data).toMatchObject({ product: { id: phone.id, price: '699.00' }, quantity: 1, total_price: '699.00' });
    const again = await shop.POST('/cart/', { body: { product_id: phone.id, quantity: 2 } });
    expect(again.response.status).toBe(200);
    expect(again.data).toMatchObject({ id: added.data!.id, quantity: 2, total_price: '1398.00' });
    const caseLine = await shop.POST('/cart/', { body: { product_id: caseProduct.id, quantity: 2 } });
    expect(caseLine.response.status).toBe(201);
    const tooMany = await shop.POST('/cart/', { body: { product_id: phone.id, quantity: 13 } });
    expect(tooMany.response.status).toBe(400);
    expect(tooMany.error).toEqual({ quantity: ['Only 12 left in stock.'] });

    // The access token expires; the next request (one with a body) is refreshed and retried.
    await waitForExpiry(shop);
    exchanges = [];
    const updated = await shop.PATCH('/cart/items/{id}/', { params: { path: { id: caseLine.data!.id } }, body: { quantity: 3 } });
    expect(updated.response.status).toBe(200);
    expect(updated.data).toMatchObject({ id: caseLine.data!.id, quantity: 3, total_price: '28.50' });
    expect(exchanges).toEqual([
      `PATCH /cart/items/${caseLine.data!.id}/ 401`,
      'POST /auth/jwt/refresh/ 200',
      `PATCH /cart/items/${caseLine.data!.id}/ 200`,
    ]);
    const refreshed = await shop.tokenStore.get();
    expect(refreshed?.refresh).toBe(tokens.refresh);
    expect(refreshed?.access).not.toBe(tokens.access);

    // Totals, exact strings.
    const cart = await shop.GET('/cart/');
    expect(cart.data).toEqual({
      items: [
        { id: added.data!.id, product: { id: phone.id, name: phone.name, price: '699.00', stock: 12 }, quantity: 2, total_price: '1398.00' },
        { id: caseLine.data!.id, product: { id: caseProduct.id, name: caseProduct.name, price: '9.50', stock: 100 }, quantity: 3, total_price: '28.50' },
      ],
      total_quantity: 5,
      total_price: '1426.50',
    });

    // Check out. The first response is lost on the way back; the SDK retries with the same
    // Idempotency-Key and gets the order the first attempt made: one order, stock taken once.
    const address = { full_name: 'Alice Liddell', line1: '1 Rabbit Hole', city: 'Oxford', postal_code: 'OX1 1AA', country: 'GB' };
    loseNextCheckoutResponse = true;
    exchanges = [];
    const order = await shop.checkout(address, { retryDelayMs: 10 });
    expect(exchanges).toEqual(['POST /orders/ 201', 'POST /orders/ 201']);
    expect(order).toMatchObject({
      status: 'pending',
      total_quantity: 5,
      total_price: '1426.50',
      items: [
        { product_id: phone.id, name: phone.name, unit_price: '699.00', quantity: 2, total_price: '1398.00' },
        { product_id: caseProduct.id, name: caseProduct.name, unit_price: '9.50', quantity: 3, total_price: '28.50' },
      ],
      shipping_address: { ...address, line2: '', phone: '' },
    });
    expect((await shop.GET('/products/{id}/', { params: { path: { id: phone.id } } })).data?.stock).toBe(10);
    expect((await shop.GET('/cart/')).data).toEqual({ items: [], total_quantity: 0, total_price: '0.00' });
    const emptyCart = await shop.checkout(address).catch((error: unknown) => error);
    expect(emptyCart).toMatchObject({ status: 400, body: { non_field_errors: ['Your cart is empty.'] } });

    // History: the one order, newest first, and its detail.
    const history = await shop.GET('/orders/');
    expect(history.data).toMatchObject({ count: 1, results: [{ id: order.id, status: 'pending' }] });
    const detailOfOrder = await shop.GET('/orders/{id}/', { params: { path: { id: order.id } } });
    expect(detailOfOrder.data).toEqual(order);
    const cancelled = await shop.POST('/orders/{id}/cancel/', { params: { path: { id: order.id } } });
    expect(cancelled.data?.status).toBe('cancelled');
    expect((await shop.GET('/products/{id}/', { params: { path: { id: phone.id } } })).data?.stock).toBe(12);

    // Several requests meet the same expired token: one refresh serves them all.
    await waitForExpiry(shop);
    exchanges = [];
    const results = await Promise.all([shop.GET('/cart/'), shop.GET('/auth/users/me/'), shop.GET('/cart/')]);
    expect(results.map((result) => result.response.status)).toEqual([200, 200, 200]);
    expect(exchanges.filter((exchange) => exchange.startsWith('POST /auth/jwt/refresh/'))).toEqual(['POST /auth/jwt/refresh/ 200']);

    // Log out: the refresh token is blacklisted and the session is gone.
    const { refresh } = (await shop.tokenStore.get())!;
    await shop.logout();
    expect(await shop.tokenStore.get()).toBeNull();
    const refused = await shop.POST('/auth/jwt/refresh/', { body: { refresh } });
    expect(refused.response.status).toBe(401);
    expect(refused.error).toEqual({ detail: 'Token is blacklisted', code: 'token_not_valid' });
    const anonymous = await shop.GET('/cart/');
    expect(anonymous.response.status).toBe(401);
    expect(anonymous.error).toEqual({ detail: 'Authentication credentials were not provided.' });
  });

  it('ends the session when the refresh token is refused too', async () => {
    const shop = newClient();
    const username = uniqueName('shopper');
    await shop.POST('/auth/users/', { body: { username, password: STRONG_PASSWORD, re_password: STRONG_PASSWORD } });
    const tokens = await shop.login(username, STRONG_PASSWORD);
    // Another device logs out with the same refresh token.
    const other = newClient();
    await other.tokenStore.set(tokens);
    await other.logout();

    await waitForExpiry(shop);
    exchanges = [];
    const cart = await shop.GET('/cart/');
    expect(cart.response.status).toBe(401);
    expect(cart.error).toMatchObject({ code: 'token_not_valid' });
    expect(exchanges).toEqual(['GET /cart/ 401', 'POST /auth/jwt/refresh/ 401']);
    expect(await shop.tokenStore.get()).toBeNull();
  });
});

import { DataSource } from 'typeorm';
import { createProduct, deleteProduct, TestProduct, updateProduct } from './support/catalog.js';
import { TestApp, TestResponse } from './support/test-app.js';
import { createUser, TestUser } from './support/users.js';

const NOT_FOUND = { detail: 'Not found.' };
const UNAUTHENTICATED = { detail: 'Authentication credentials were not provided.' };
const EMPTY_CART = { items: [], total_quantity: 0, total_price: '0.00' };

describe('cart', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(async () => {
    await app.close();
  });

  const add = (user: TestUser, body: unknown) => app.post('/cart/', body, { token: user.access });
  const getCart = (user: TestUser) => app.get('/cart/', { token: user.access });
  const patchItem = (user: TestUser, id: number | string, body: unknown) =>
    app.patch(`/cart/items/${id}/`, body, { token: user.access });
  const deleteItem = (user: TestUser, id: number | string) => app.delete(`/cart/items/${id}/`, undefined, { token: user.access });

  const productView = (product: TestProduct, changes: Partial<Pick<TestProduct, 'price' | 'stock'>> = {}) => ({
    id: product.id,
    name: product.name,
    price: changes.price ?? product.price,
    stock: changes.stock ?? product.stock,
  });

  async function addOk(user: TestUser, productId: number, quantity?: number): Promise<TestResponse> {
    const response = await add(user, quantity === undefined ? { product_id: productId } : { product_id: productId, quantity });
    if (response.status !== 201 && response.status !== 200) throw new Error(`add failed: ${response.status} ${response.text}`);
    return response;
  }

  describe('authentication', () => {
    it('answers 401 to anonymous callers on every cart endpoint', async () => {
      const calls = [
        app.get('/cart/'),
        app.post('/cart/', { product_id: 1 }),
        app.delete('/cart/'),
        app.patch('/cart/items/1/', { quantity: 1 }),
        app.delete('/cart/items/1/'),
      ];
      for (const response of await Promise.all(calls)) {
        expect(response.status).toBe(401);
        expect(response.body).toEqual(UNAUTHENTICATED);
        expect(response.headers['www-authenticate']).toBe('Bearer realm="api"');
      }
    });
  });

  describe('GET /cart/', () => {
    it('shows an empty cart with zero totals', async () => {
      const user = await createUser(app);
      const response = await getCart(user);
      expect(response.status).toBe(200);
      expect(response.body).toEqual(EMPTY_CART);
    });

    it('answers without the trailing slash too', async () => {
      const user = await createUser(app);
      const response = await app.get('/cart', { token: user.access });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(EMPTY_CART);
    });

    it('lists lines oldest first, and updating a line keeps its place', async () => {
      const user = await createUser(app);
      const [first, second, third] = [await createProduct(app), await createProduct(app), await createProduct(app)];
      const ids = [];
      for (const product of [first, second, third]) ids.push((await addOk(user, product.id)).body.id);
      await addOk(user, first.id, 4);
      const cart = (await getCart(user)).body;
      expect(cart.items.map((item: { id: number }) => item.id)).toEqual(ids);
      expect(cart.items.map((item: { product: { id: number } }) => item.product.id)).toEqual([first.id, second.id, third.id]);
      expect(cart.total_quantity).toBe(6);
    });

    it('renders the full cart with product details, line totals and cart totals', async () => {
      const user = await createUser(app);
      const phone = await createProduct(app, { price: '699.00', stock: 12 });
      const item = (await addOk(user, phone.id, 2)).body;
      const response = await getCart(user);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        items: [{ id: item.id, product: productView(phone), quantity: 2, total_price: '1398.00' }],
        total_quantity: 2,
        total_price: '1398.00',
      });
    });

    it('shows only the caller’s own lines', async () => {
      const [alice, bob] = [await createUser(app), await createUser(app)];
      const product = await createProduct(app);
      await addOk(alice, product.id, 3);
      expect((await getCart(bob)).body).toEqual(EMPTY_CART);
      expect((await getCart(alice)).body.total_quantity).toBe(3);
    });
  });

  describe('money is exact', () => {
    it('renders 0.10 × 3 as "0.30"', async () => {
      const user = await createUser(app);
      const dime = await createProduct(app, { price: '0.10' });
      const item = await addOk(user, dime.id, 3);
      expect(item.body.total_price).toBe('0.30');
      const cart = (await getCart(user)).body;
      expect(cart.items[0].total_price).toBe('0.30');
      expect(cart.total_price).toBe('0.30');
    });

    it('sums several lines exactly: 19.99 × 3 + 0.01 × 7 = 60.04', async () => {
      const user = await createUser(app);
      const shirt = await createProduct(app, { price: '19.99' });
      const sticker = await createProduct(app, { price: '0.01' });
      await addOk(user, shirt.id, 3);
      await addOk(user, sticker.id, 7);
      const cart = (await getCart(user)).body;
      expect(cart.items.map((item: { total_price: string }) => item.total_price)).toEqual(['59.97', '0.07']);
      expect(cart.total_quantity).toBe(10);
      expect(cart.total_price).toBe('60.04');
    });

    it('keeps cents on large totals and renders whole prices with two decimals', async () => {
      const user = await createUser(app);
      const expensive = await createProduct(app, { price: '12345678.91', stock: 1000 });
      const whole = await createProduct(app, { price: '5', stock: 1000 });
      await addOk(user, expensive.id, 999);
      await addOk(user, whole.id, 1000);
      const cart = (await getCart(user)).body;
      expect(cart.items[0].total_price).toBe('12333333231.09');
      expect(cart.items[1].product.price).toBe('5.00');
      expect(cart.items[1].total_price).toBe('5000.00');
      expect(cart.total_price).toBe('12333338231.09');
    });
  });

  describe('POST /cart/', () => {
    it('creates a line with quantity 1 by default: 201 and the cart item', async () => {
      const user = await createUser(app);
      const product = await createProduct(app, { price: '12.50', stock: 5 });
      const response = await add(user, { product_id: product.id });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({ id: expect.any(Number), product: productView(product), quantity: 1, total_price: '12.50' });
    });

    it('sets (not adds to) the quantity of an existing line: 200 and the same line', async () => {
      const user = await createUser(app);
      const product = await createProduct(app, { price: '3.00' });
      const created = await add(user, { product_id: product.id, quantity: 2 });
      expect(created.status).toBe(201);
      const updated = await add(user, { product_id: product.id, quantity: 5 });
      expect(updated.status).toBe(200);
      expect(updated.body).toEqual({ id: created.body.id, product: productView(product), quantity: 5, total_price: '15.00' });
      const again = await add(user, { product_id: product.id });
      expect(again.status).toBe(200);
      expect(again.body.quantity).toBe(1);
      const cart = (await getCart(user)).body;
      expect(cart.items).toHaveLength(1);
      expect(cart.total_quantity).toBe(1);
    });

    it('accepts the path without the trailing slash and numeric strings as DRF does', async () => {
      const user = await createUser(app);
      const product = await createProduct(app);
      const response = await app.post('/cart', { product_id: String(product.id), quantity: '3' }, { token: user.access });
      expect(response.status).toBe(201);
      expect(response.body.quantity).toBe(3);
    });

    it('ignores unknown fields', async () => {
      const user = await createUser(app);
      const product = await createProduct(app);
      const response = await add(user, { product_id: product.id, quantity: 2, id: 999999, user_id: 1, total_price: '0.00' });
      expect(response.status).toBe(201);
      expect(response.body.id).not.toBe(999999);
      expect(response.body.total_price).toBe('20.00');
    });

    it('refuses an unknown product with DRF’s PrimaryKeyRelatedField message', async () => {
      const user = await createUser(app);
      const gone = await createProduct(app);
      await deleteProduct(app, gone.id);
      for (const productId of [gone.id, 0, -5, 99999999999]) {
        const response = await add(user, { product_id: productId });
        expect(response.status).toBe(400);
        expect(response.body).toEqual({ product_id: [`Invalid pk "${productId}" - object does not exist.`] });
      }
      expect((await getCart(user)).body).toEqual(EMPTY_CART);
    });

    it.each([
      ['missing product_id', { quantity: 1 }, { product_id: ['This field is required.'] }],
      ['empty body', {}, { product_id: ['This field is required.'] }],
      ['product_id null', { product_id: null }, { product_id: ['This field may not be null.'] }],
      ['product_id "abc"', { product_id: 'abc' }, { product_id: ['Incorrect type. Expected pk value, received str.'] }],
      ['product_id true', { product_id: true }, { product_id: ['Incorrect type. Expected pk value, received bool.'] }],
      ['product_id a list', { product_id: [1] }, { product_id: ['Incorrect type. Expected pk value, received list.'] }],
    ])('refuses %s', async (_case, body, errors) => {
      const user = await createUser(app);
      const response = await add(user, body);
      expect(response.status).toBe(400);
      expect(response.body).toEqual(errors);
    });

    it.each([
      ['"abc"', 'abc', 'A valid integer is required.'],
      ['0', 0, 'Ensure this value is greater than or equal to 1.'],
      ['-1', -1, 'Ensure this value is greater than or equal to 1.'],
      ['1001', 1001, 'Ensure this value is less than or equal to 1000.'],
      ['2.5', 2.5, 'A valid integer is required.'],
      ['null', null, 'This field may not be null.'],
      ['true', true, 'A valid integer is required.'],
    ])('refuses quantity %s', async (_case, quantity, message) => {
      const user = await createUser(app);
      const product = await createProduct(app);
      const response = await add(user, { product_id: product.id, quantity });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ quantity: [message] });
      expect((await getCart(user)).body).toEqual(EMPTY_CART);
    });

    it('reports every bad field at once', async () => {
      const user = await createUser(app);
      const response = await add(user, { quantity: 0 });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        product_id: ['This field is required.'],
        quantity: ['Ensure this value is greater than or equal to 1.'],
      });
    });

    it('accepts quantities 1000 and 1 at the bounds', async () => {
      const user = await createUser(app);
      const product = await createProduct(app, { stock: 5000 });
      expect((await add(user, { product_id: product.id, quantity: 1000 })).body.quantity).toBe(1000);
      expect((await add(user, { product_id: product.id, quantity: 1 })).body.quantity).toBe(1);
    });

    it('refuses a quantity above the stock and leaves the cart unchanged', async () => {
      const user = await createUser(app);
      const product = await createProduct(app, { stock: 3 });
      const tooMany = await add(user, { product_id: product.id, quantity: 4 });
      expect(tooMany.status).toBe(400);
      expect(tooMany.body).toEqual({ quantity: ['Only 3 left in stock.'] });
      expect((await getCart(user)).body).toEqual(EMPTY_CART);

      const line = await add(user, { product_id: product.id, quantity: 2 });
      expect(line.status).toBe(201);
      const raise = await add(user, { product_id: product.id, quantity: 4 });
      expect(raise.status).toBe(400);
      expect(raise.body).toEqual({ quantity: ['Only 3 left in stock.'] });
      const cart = (await getCart(user)).body;
      expect(cart.items).toEqual([line.body]);

      const exactlyStock = await add(user, { product_id: product.id, quantity: 3 });
      expect(exactlyStock.status).toBe(200);
      expect(exactlyStock.body.quantity).toBe(3);
    });

    it('refuses an out-of-stock product', async () => {
      const user = await createUser(app);
      const product = await createProduct(app, { stock: 0 });
      const response = await add(user, { product_id: product.id });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ quantity: ['Only 0 left in stock.'] });
    });

    it('keeps one line under 32 parallel POSTs for the same product, without a 5xx', async () => {
      const user = await createUser(app);
      const product = await createProduct(app, { stock: 100 });
      const quantities = Array.from({ length: 32 }, (_, index) => index + 1);
      const responses = await Promise.all(quantities.map((quantity) => add(user, { product_id: product.id, quantity })));
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      expect(statuses.filter((status) => status === 200)).toHaveLength(31);
      expect(new Set(responses.map((response) => response.body.id)).size).toBe(1);
      const cart = (await getCart(user)).body;
      expect(cart.items).toHaveLength(1);
      expect(quantities).toContain(cart.items[0].quantity);
      expect(cart.total_quantity).toBe(cart.items[0].quantity);
    });
  });

  describe('PATCH /cart/items/{id}/', () => {
    it('sets the quantity and answers the updated item', async () => {
      const user = await createUser(app);
      const product = await createProduct(app, { price: '2.50', stock: 10 });
      const item = (await addOk(user, product.id)).body;
      const response = await patchItem(user, item.id, { quantity: 4 });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ id: item.id, product: productView(product), quantity: 4, total_price: '10.00' });
      expect((await getCart(user)).body.total_price).toBe('10.00');
      const noSlash = await app.patch(`/cart/items/${item.id}`, { quantity: 5 }, { token: user.access });
      expect(noSlash.status).toBe(200);
      expect(noSlash.body.quantity).toBe(5);
    });

    it('applies the stock rule and leaves the line unchanged when refused', async () => {
      const user = await createUser(app);
      const product = await createProduct(app, { stock: 3 });
      const item = (await addOk(user, product.id, 2)).body;
      const response = await patchItem(user, item.id, { quantity: 4 });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ quantity: ['Only 3 left in stock.'] });
      expect((await getCart(user)).body.items).toEqual([item]);
    });

    it.each([
      ['"abc"', 'abc', 'A valid integer is required.'],
      ['0', 0, 'Ensure this value is greater than or equal to 1.'],
      ['1001', 1001, 'Ensure this value is less than or equal to 1000.'],
      ['2.5', 2.5, 'A valid integer is required.'],
      ['null', null, 'This field may not be null.'],
    ])('refuses quantity %s', async (_case, quantity, message) => {
      const user = await createUser(app);
      const product = await createProduct(app);
      const item = (await addOk(user, product.id, 2)).body;
      const response = await patchItem(user, item.id, { quantity });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ quantity: [message] });
      expect((await getCart(user)).body.items).toEqual([item]);
    });

    it('treats a body without quantity as a partial update that changes nothing', async () => {
      const user = await createUser(app);
      const product = await createProduct(app);
      const item = (await addOk(user, product.id, 2)).body;
      const response = await patchItem(user, item.id, {});
      expect(response.status).toBe(200);
      expect(response.body).toEqual(item);
    });

    it('answers 404 for another user’s item and leaves it alone', async () => {
      const [owner, intruder] = [await createUser(app), await createUser(app)];
      const product = await createProduct(app);
      const item = (await addOk(owner, product.id, 2)).body;
      const response = await patchItem(intruder, item.id, { quantity: 5 });
      expect(response.status).toBe(404);
      expect(response.body).toEqual(NOT_FOUND);
      expect((await getCart(owner)).body.items).toEqual([item]);
    });

    it.each(['abc', '1.5', '-1', '0', '99999999999'])('answers 404 for the id %s', async (id) => {
      const user = await createUser(app);
      const response = await patchItem(user, id, { quantity: 1 });
      expect(response.status).toBe(404);
      expect(response.body).toEqual(NOT_FOUND);
    });

    it('answers 404 for an id no line has', async () => {
      const user = await createUser(app);
      const product = await createProduct(app);
      const item = (await addOk(user, product.id)).body;
      await deleteItem(user, item.id);
      const response = await patchItem(user, item.id, { quantity: 1 });
      expect(response.status).toBe(404);
      expect(response.body).toEqual(NOT_FOUND);
    });
  });

  describe('DELETE /cart/items/{id}/', () => {
    it('removes the line: 204, then 404', async () => {
      const user = await createUser(app);
      const [kept, removed] = [await createProduct(app), await createProduct(app)];
      const keptItem = (await addOk(user, kept.id)).body;
      const removedItem = (await addOk(user, removed.id)).body;
      const response = await deleteItem(user, removedItem.id);
      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      expect((await getCart(user)).body.items).toEqual([keptItem]);
      const again = await deleteItem(user, removedItem.id);
      expect(again.status).toBe(404);
      expect(again.body).toEqual(NOT_FOUND);
    });

    it('answers 404 for another user’s item and leaves it alone', async () => {
      const [owner, intruder] = [await createUser(app), await createUser(app)];
      const product = await createProduct(app);
      const item = (await addOk(owner, product.id)).body;
      const response = await deleteItem(intruder, item.id);
      expect(response.status).toBe(404);
      expect(response.body).toEqual(NOT_FOUND);
      expect((await getCart(owner)).body.items).toEqual([item]);
    });

    it.each(['abc', '1.5', '-1', '0', '99999999999'])('answers 404 for the id %s', async (id) => {
      const user = await createUser(app);
      const response = await deleteItem(user, id);
      expect(response.status).toBe(404);
      expect(response.body).toEqual(NOT_FOUND);
    });
  });

  describe('DELETE /cart/', () => {
    it('empties the caller’s cart only: 204', async () => {
      const [user, other] = [await createUser(app), await createUser(app)];
      const [first, second] = [await createProduct(app), await createProduct(app)];
      await addOk(user, first.id);
      await addOk(user, second.id, 3);
      const othersItem = (await addOk(other, first.id, 2)).body;
      const response = await app.delete('/cart/', undefined, { token: user.access });
      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      expect((await getCart(user)).body).toEqual(EMPTY_CART);
      expect((await getCart(other)).body.items).toEqual([othersItem]);
    });

    it('succeeds on an already empty cart', async () => {
      const user = await createUser(app);
      expect((await app.delete('/cart', undefined, { token: user.access })).status).toBe(204);
    });
  });

  describe('when the catalogue changes', () => {
    it('still shows a line whose quantity is now above the stock', async () => {
      const user = await createUser(app);
      const product = await createProduct(app, { stock: 10 });
      await addOk(user, product.id, 5);
      await updateProduct(app, product.id, { stock: 2 });
      const response = await getCart(user);
      expect(response.status).toBe(200);
      expect(response.body.items[0]).toMatchObject({ product: productView(product, { stock: 2 }), quantity: 5 });
      expect(response.body.total_quantity).toBe(5);
    });

    it('shows the product’s current price', async () => {
      const user = await createUser(app);
      const product = await createProduct(app, { price: '10.00' });
      await addOk(user, product.id, 3);
      await updateProduct(app, product.id, { price: '7.35' });
      const cart = (await getCart(user)).body;
      expect(cart.items[0].product.price).toBe('7.35');
      expect(cart.items[0].total_price).toBe('22.05');
      expect(cart.total_price).toBe('22.05');
    });

    it('drops the lines of a deleted product', async () => {
      const user = await createUser(app);
      const [kept, deleted] = [await createProduct(app, { price: '1.00' }), await createProduct(app, { price: '2.00' })];
      const keptItem = (await addOk(user, kept.id, 1)).body;
      const deletedItem = (await addOk(user, deleted.id, 4)).body;
      await deleteProduct(app, deleted.id);
      const cart = (await getCart(user)).body;
      expect(cart).toEqual({ items: [keptItem], total_quantity: 1, total_price: '1.00' });
      expect((await patchItem(user, deletedItem.id, { quantity: 1 })).status).toBe(404);
    });
  });

  it('answers 405 for a method the cart does not route', async () => {
    const user = await createUser(app);
    const response = await app.put('/cart/', {}, { token: user.access });
    expect(response.status).toBe(405);
    expect(response.body).toEqual({ detail: 'Method "PUT" not allowed.' });
  });

  describe('GET /cart/ query count', () => {
    /** Every SQL statement TypeORM sends while `action` runs (it logs each one through dataSource.logger). */
    async function recordQueries(action: () => Promise<unknown>): Promise<string[]> {
      const logger = app.app.get(DataSource).logger;
      const original = logger.logQuery;
      const queries: string[] = [];
      logger.logQuery = (query, parameters, queryRunner) => {
        queries.push(query);
        return original.call(logger, query, parameters, queryRunner);
      };
      try {
        await action();
      } finally {
        logger.logQuery = original;
      }
      return queries;
    }

    it('issues the same queries for 1 line and for 10 lines (no N+1)', async () => {
      const [small, large] = [await createUser(app), await createUser(app)];
      const products = [];
      for (let index = 0; index < 10; index += 1) products.push(await createProduct(app));
      await addOk(small, products[0].id);
      for (const product of products) await addOk(large, product.id);

      const smallQueries = await recordQueries(async () => expect((await getCart(small)).body.items).toHaveLength(1));
      const largeQueries = await recordQueries(async () => expect((await getCart(large)).body.items).toHaveLength(10));

      // The auth guard's user lookup is part of both; the cart itself must be a single query.
      const cartQueries = (queries: string[]) => queries.filter((query) => query.includes('cart_items'));
      expect(cartQueries(smallQueries)).toHaveLength(1);
      expect(cartQueries(largeQueries)).toHaveLength(1);
      expect(largeQueries.length).toBe(smallQueries.length);
    });
  });
});

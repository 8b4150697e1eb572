import { DataSource } from 'typeorm';
import { CatalogService } from '../src/catalog/catalog.service.js';
import { createProduct } from './support/catalog.js';
import { ADDRESS } from './support/orders.js';
import { TestApp } from './support/test-app.js';
import { TcpProxy } from './support/tcp-proxy.js';
import { createUser, TestUser } from './support/users.js';

const UNAVAILABLE = { detail: 'Service temporarily unavailable.' };

async function eventually<T>(attempt: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('database outage', () => {
  let app: TestApp;
  let proxy: TcpProxy;
  let user: TestUser;

  beforeAll(async () => {
    app = await TestApp.start(
      {},
      {
        connectThrough: async (url) => {
          const proxied = await TcpProxy.forUrl(url);
          proxy = proxied.proxy;
          return proxied.url;
        },
      },
    );
    user = await createUser(app);
  });

  afterAll(async () => {
    await proxy.up();
    await app.close();
  });

  it('answers 503 while the database is gone and recovers by itself when it returns', async () => {
    expect((await app.get('/health/ready')).status).toBe(200);

    await proxy.down();

    const me = await app.get('/auth/users/me/', { token: user.access });
    expect(me.status).toBe(503);
    expect(me.body).toEqual(UNAVAILABLE);
    const login = await app.post('/auth/jwt/create/', { username: user.username, password: user.password });
    expect(login.status).toBe(503);
    expect(login.body).toEqual(UNAVAILABLE);
    const register = await app.post('/auth/users/', { username: 'outage_user', password: 'Velvet-Harbour-93', re_password: 'Velvet-Harbour-93' });
    expect(register.status).toBe(503);
    const ready = await app.get('/health/ready');
    expect(ready.status).toBe(503);
    expect((await app.get('/health/live')).status).toBe(200);

    await proxy.up();

    const recovered = await eventually(
      () => app.get('/auth/users/me/', { token: user.access }),
      (response) => response.status === 200,
    );
    expect(recovered.status).toBe(200);
    expect(recovered.body.username).toBe(user.username);
    expect((await app.get('/health/ready')).status).toBe(200);
  });

  it('leaves nothing half-written when the database goes away in the middle of a checkout', async () => {
    const product = await createProduct(app, { stock: 7 });
    expect((await app.post('/cart/', { product_id: product.id, quantity: 3 }, { token: user.access })).status).toBe(201);
    // The outage comes after the cart was emptied and the stock taken, before the order is written and committed.
    const catalog = app.app.get(CatalogService);
    const takeStock = catalog.takeStock.bind(catalog);
    catalog.takeStock = async (...args: Parameters<typeof takeStock>) => {
      const taken = await takeStock(...args);
      await proxy.down();
      return taken;
    };
    try {
      const checkout = await app.post('/orders/', { shipping_address: ADDRESS }, { token: user.access });
      expect(checkout.status).toBe(503);
      expect(checkout.body).toEqual(UNAVAILABLE);
    } finally {
      catalog.takeStock = takeStock;
      await proxy.up();
    }

    const cartAfter = await eventually(
      () => app.get('/cart/', { token: user.access }),
      (response) => response.status === 200,
    );
    expect(cartAfter.body.items).toEqual([expect.objectContaining({ quantity: 3, product: expect.objectContaining({ id: product.id, stock: 7 }) })]);
    const [{ orders }] = await app.app
      .get(DataSource)
      .query<Array<{ orders: number }>>('SELECT count(*)::integer AS orders FROM orders WHERE user_id = $1', [user.id]);
    expect(orders).toBe(0);
    expect((await app.post('/orders/', { shipping_address: ADDRESS }, { token: user.access })).status).toBe(201);
  });
});

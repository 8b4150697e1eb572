import { createCategory, updateProduct } from './support/catalog.js';
import { REDIS_URL, runRedisTests } from './support/redis.js';
import { TestApp } from './support/test-app.js';
import { twoInstances } from './support/two-instances.js';
import { createUser, TestUser, uniqueName } from './support/users.js';

/**
 * Product listings and their counts are kept for a second. A write through the API drops them
 * at once (in every instance with Redis); anything else shows within the second.
 */

const names = (response: { body: { results: Array<{ name: string }> } }) => response.body.results.map((product) => product.name);

/** Milliseconds until `check` holds, polling every 25 ms; Infinity after 3 s. */
async function until(check: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await check()) return performance.now() - started;
    if (performance.now() - started > 3000) return Infinity;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('product listings, cached for a second', () => {
  let app: TestApp;
  let staff: TestUser;

  beforeAll(async () => {
    app = await TestApp.start();
    staff = await createUser(app, { staff: true });
  });
  afterAll(async () => {
    await app.close();
  });

  it('shows a product created, renamed or deleted through the API at once, count included', async () => {
    const category = await createCategory(app);
    const list = () => app.get(`/products/?category=${category.id}`);
    const cursorList = () => app.get(`/products/?category=${category.id}&mode=cursor`);
    expect((await list()).body.count).toBe(0);
    expect((await cursorList()).body.results).toEqual([]);

    const created = await app.post('/products/', { name: 'Cached lamp', price: '5.00', stock: 1, category: category.id }, { token: staff.access });
    expect(created.status).toBe(201);
    expect(names(await list())).toEqual(['Cached lamp']);
    expect((await list()).body.count).toBe(1);
    expect(names(await cursorList())).toEqual(['Cached lamp']);

    await app.patch(`/products/${created.body.id}/`, { name: 'Renamed lamp' }, { token: staff.access });
    expect(names(await list())).toEqual(['Renamed lamp']);
    await app.delete(`/products/${created.body.id}/`, undefined, { token: staff.access });
    expect((await list()).body).toMatchObject({ count: 0, results: [] });
  });

  it('shows a change made outside the API (a checkout’s stock, another process) within a second', async () => {
    const category = await createCategory(app);
    const created = await app.post('/products/', { name: uniqueName('stock'), price: '5.00', stock: 9, category: category.id }, { token: staff.access });
    const stockInList = async () => (await app.get(`/products/?category=${category.id}`)).body.results[0].stock;
    expect(await stockInList()).toBe(9);
    await updateProduct(app, created.body.id, { stock: 4 });
    expect(await until(async () => (await stockInList()) === 4)).toBeLessThan(1500);
    // The product itself is never cached.
    expect((await app.get(`/products/${created.body.id}/`)).body.stock).toBe(4);
  });
});

describe.runIf(await runRedisTests('listing caches invalidated through Redis (test/listing-cache.e2e-spec.ts)'))(
  'two instances sharing PostgreSQL and Redis',
  () => {
    const instances = twoInstances({ REDIS_URL });

    it('drops the other instance’s cached listing when a product is written', async () => {
      const { first, second, staff } = instances as Required<typeof instances>;
      const category = await createCategory(first);
      const list = () => second.get(`/products/?category=${category.id}`);
      expect((await list()).body.count).toBe(0);
      const name = uniqueName('redis');
      await first.post('/products/', { name, price: '1.00', stock: 1, category: category.id }, { token: staff.access });
      // Well under the second a cached page would otherwise live.
      expect(await until(async () => names(await list()).includes(name))).toBeLessThan(500);
    });
  },
);

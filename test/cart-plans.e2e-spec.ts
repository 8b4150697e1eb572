import { DataSource } from 'typeorm';
import { SELECT_CART, SELECT_LINE, UPDATE_LINE_QUANTITY } from '../src/cart/cart.queries.js';
import { nodesOf, type PlanNode } from './support/plans.js';
import { TestApp } from './support/test-app.js';
import { createUser, uniqueName } from './support/users.js';

const ROWS = 100_000;

/**
 * A cart's products are looked up by primary key, whatever the statistics say. With an
 * ordinary join PostgreSQL may pick a merge join that walks the products' primary key from the
 * first id up to the cart's highest: when cart_items was last analysed holding only small
 * product ids, a cart of products near the end of the catalogue read every product before them.
 */
describe('cart queries on 100k products', () => {
  let app: TestApp;
  let dataSource: DataSource;
  let userId: number;
  let lineIds: number[];

  beforeAll(async () => {
    app = await TestApp.start({}, { freshDatabase: true });
    dataSource = app.app.get(DataSource);
    const staff = await createUser(app, { staff: true });
    const category = (await app.post('/categories/', { name: uniqueName('Bulk') }, { token: staff.access })).body.id;
    await dataSource.query(
      `INSERT INTO products (name, price, stock, category_id)
       SELECT 'Bulk ' || n, 1.50, 100, $1 FROM generate_series(1, ${ROWS}) AS n`,
      [category],
    );
    const [{ min }] = await dataSource.query<Array<{ min: number }>>('SELECT min(id) AS min FROM products');
    // The statistics see carts of the first products only, as after a quiet launch...
    const early = await createUser(app);
    for (let line = 0; line < 10; line += 1) {
      expect((await app.post('/cart/', { product_id: min + line, quantity: 1 }, { token: early.access })).status).toBe(201);
    }
    await dataSource.query('ANALYZE products');
    await dataSource.query('ANALYZE cart_items');
    // ...then a shopper fills a cart from the end of the catalogue.
    const late = await createUser(app);
    lineIds = [];
    for (let line = 0; line < 10; line += 1) {
      const response = await app.post('/cart/', { product_id: min + ROWS - 1 - line * 7, quantity: 1 }, { token: late.access });
      expect(response.status).toBe(201);
      lineIds.push(response.body.id);
    }
    userId = (await app.get('/auth/users/me/', { token: late.access })).body.id;
  }, 300_000);
  afterAll(async () => {
    await app?.close();
  });

  /** Rows read from products by the plan of `sql`, summed over its loops. */
  async function productRowsRead(sql: string, parameters: unknown[]): Promise<number> {
    const [row] = await dataSource.query<Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>>(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`,
      parameters,
    );
    return nodesOf(row['QUERY PLAN'][0].Plan)
      .filter((node) => node['Relation Name'] === 'products')
      .reduce((sum, node) => sum + (node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 1), 0);
  }

  it('reads only the cart’s products for the whole cart', async () => {
    expect(await productRowsRead(SELECT_CART.text, [userId])).toBe(10);
  });

  it('reads one product for one line, and for a quantity change (a lookup in the check, one for the answer)', async () => {
    expect(await productRowsRead(SELECT_LINE, [lineIds[9], userId])).toBe(1);
    expect(await productRowsRead(UPDATE_LINE_QUANTITY, [lineIds[9], userId, 2])).toBe(2);
  });
});

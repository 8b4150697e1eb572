import { DataSource } from 'typeorm';
import { nodesOf, type PlanNode } from './support/plans.js';
import { TestApp } from './support/test-app.js';
import { createUser, uniqueName } from './support/users.js';

const ROWS = 100_000;
/** The last 5,000 products are walnut chairs; the rest, pine lamps. */
const CHAIRS_FROM = 95_001;

/**
 * A search reads its matches, not the catalogue. PostgreSQL's estimate of a substring match
 * knows nothing of where the matches lie, so for `ORDER BY id LIMIT 20` it may walk the primary
 * key from the first product, filtering each, when the matches all sit at the end (here: 95,000
 * rows read for 20). A search with up to 10,000 matches takes them from the trigram index first.
 */
describe('searches on 100k products', () => {
  let app: TestApp;
  let dataSource: DataSource;
  let minId: number;

  beforeAll(async () => {
    app = await TestApp.start({}, { freshDatabase: true });
    dataSource = app.app.get(DataSource);
    const staff = await createUser(app, { staff: true });
    const category = (await app.post('/categories/', { name: uniqueName('Bulk') }, { token: staff.access })).body.id;
    // The md5 prefix spreads the chairs over the names' order (so the statistics see them) while
    // their ids stay at the end.
    await dataSource.query(
      `INSERT INTO products (name, price, stock, category_id)
       SELECT md5(n::text) || CASE WHEN n >= ${CHAIRS_FROM} THEN ' Walnut chair' ELSE ' Pine lamp' END, (n % 500) / 10.0, n % 7, $1
       FROM generate_series(1, ${ROWS}) AS n ORDER BY n`,
      [category],
    );
    await dataSource.query('ANALYZE products');
    [{ min: minId }] = await dataSource.query<Array<{ min: number }>>('SELECT min(id) AS min FROM products');
  }, 300_000);
  afterAll(async () => {
    await app?.close();
  });

  /** The listing statement that serves `url` (the one with ORDER BY), as TypeORM sends it. */
  async function captureListing(url: string): Promise<{ status: number; body: any; statements: Array<{ sql: string; parameters: unknown[] }> }> {
    const logger = dataSource.logger;
    const original = logger.logQuery;
    const statements: Array<{ sql: string; parameters: unknown[] }> = [];
    logger.logQuery = (query, parameters, queryRunner) => {
      if (/"products"/.test(query) && /ORDER BY/.test(query)) statements.push({ sql: query, parameters: (parameters as unknown[] | undefined) ?? [] });
      return original.call(logger, query, parameters, queryRunner);
    };
    try {
      const response = await app.get(url);
      return { status: response.status, body: response.body, statements };
    } finally {
      logger.logQuery = original;
    }
  }

  /** Rows of products the statement's plan looked at: returned, filtered out or rechecked away. */
  async function productRowsRead(sql: string, parameters: unknown[]): Promise<number> {
    const [row] = await dataSource.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, parameters);
    const json = typeof row['QUERY PLAN'] === 'string' ? JSON.parse(row['QUERY PLAN']) : row['QUERY PLAN'];
    return nodesOf(json[0].Plan as PlanNode)
      .filter((node) => node['Relation Name'] === 'products')
      .reduce(
        (sum, node) =>
          sum + (node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 1) + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0),
        0,
      );
  }

  const chairIds = (from: number, count: number) => Array.from({ length: count }, (_, index) => minId + CHAIRS_FROM - 1 + from + index);

  it('answers a rare term’s first page and count from its matches only', async () => {
    const listing = await captureListing('/products/?search=walnut%20CHAIR');
    expect(listing.status).toBe(200);
    expect(listing.body.count).toBe(5_000);
    expect(listing.body.results.map((product: { id: number }) => product.id)).toEqual(chairIds(0, 20));
    expect(listing.body.results[0]).toEqual({ id: minId + CHAIRS_FROM - 1, name: expect.stringMatching(/ Walnut chair$/), price: '0.10', stock: 4, category: expect.any(Number) });
    // One statement for the page and its count.
    expect(listing.statements).toHaveLength(1);
    expect(await productRowsRead(listing.statements[0].sql, listing.statements[0].parameters)).toBeLessThanOrEqual(5_000);
  });

  it('orders and pages a search by any key, deep pages included', async () => {
    const expected: Array<{ id: number }> = await dataSource.query(
      `SELECT id FROM products WHERE name ILIKE '%walnut chair%' ORDER BY price DESC, id DESC OFFSET 4980 LIMIT 20`,
    );
    const listing = await captureListing('/products/?search=walnut%20chair&ordering=-price&page=250');
    expect(listing.status).toBe(200);
    expect(listing.body).toMatchObject({ count: 5_000, next: null, previous: expect.stringContaining('page=249') });
    expect(listing.body.results.map((product: { id: number }) => product.id)).toEqual(expected.map((row) => Number(row.id)));
    expect(await productRowsRead(listing.statements[0].sql, listing.statements[0].parameters)).toBeLessThanOrEqual(5_000);
    expect((await app.get('/products/?search=walnut%20chair&page=251')).status).toBe(404);
  });

  it('walks a search in cursor mode from its matches, forward and back', async () => {
    const first = await captureListing('/products/?search=walnut%20chair&mode=cursor&page_size=50');
    expect(first.body.results.map((product: { id: number }) => product.id)).toEqual(chairIds(0, 50));
    const second = await captureListing(first.body.next.replace(/^https?:\/\/[^/]+/, ''));
    expect(second.body.results.map((product: { id: number }) => product.id)).toEqual(chairIds(50, 50));
    expect(await productRowsRead(second.statements[0].sql, second.statements[0].parameters)).toBeLessThanOrEqual(5_000);
    const back = await app.get(second.body.previous.replace(/^https?:\/\/[^/]+/, ''));
    expect(back.body.results.map((product: { id: number }) => product.id)).toEqual(chairIds(0, 50));
  });

  it('leaves a term with more than 10,000 matches to the planner, counted once', async () => {
    const first = await captureListing('/products/?search=pine%20lamp');
    expect(first.status).toBe(200);
    expect(first.body.count).toBe(CHAIRS_FROM - 1);
    expect(first.body.results.map((product: { id: number }) => product.id)).toEqual(Array.from({ length: 20 }, (_, index) => minId + index));
    // Known to be common now: the next page goes straight to the planner's query.
    const second = await captureListing('/products/?search=pine%20lamp&page=2');
    expect(second.body.results.map((product: { id: number }) => product.id)).toEqual(Array.from({ length: 20 }, (_, index) => minId + 20 + index));
    expect(second.statements).toHaveLength(1);
    expect(second.statements[0].sql).not.toMatch(/^WITH/);
  });
});

import { DataSource } from 'typeorm';
import { encodeCursor } from '../src/catalog/product-cursor.js';
import { parseOrdering } from '../src/catalog/product-ordering.js';
import { nodesOf, type PlanNode } from './support/plans.js';
import { TestApp } from './support/test-app.js';
import { createUser, uniqueName } from './support/users.js';

const ROWS = 100_000;
const DEPTH = 90_000;
/** The last 5,000 products are walnut chairs; the rest, pine lamps. */
const CHAIRS_FROM = 95_001;

/**
 * Cursor mode must stay a keyset scan for every ordering, several keys with mixed directions
 * included: a page 90,000 rows deep reads about a page of rows (plus, with mixed directions,
 * the rows tied with the boundary on the first key), from an index, never the table from the
 * start, and never a sort of everything after the position. A page-number page (an OFFSET)
 * walks the rows before it in an index alone and reads only its own rows from the table.
 *
 * A search reads its matches, not the catalogue. PostgreSQL's estimate of a substring match
 * knows nothing of where the matches lie, so for `ORDER BY id LIMIT 20` it may walk the primary
 * key from the first product, filtering each, when the matches all sit at the end (here: 95,000
 * rows read for 20). A search with up to 10,000 matches takes them from the suffix index first.
 */
describe('deep pages and searches on 100k products', () => {
  let app: TestApp;
  let dataSource: DataSource;
  let category: number;
  let minId: number;

  beforeAll(async () => {
    app = await TestApp.start({}, { freshDatabase: true });
    dataSource = app.app.get(DataSource);
    const staff = await createUser(app, { staff: true });
    category = (await app.post('/categories/', { name: uniqueName('Bulk') }, { token: staff.access })).body.id;
    // Prices repeat every 5,000 rows and stocks every 50: ties on the first key, as real catalogues
    // have. The md5 prefix spreads the chairs over the names' order (so the statistics see them)
    // while their ids stay at the end.
    await dataSource.query(
      `INSERT INTO products (name, price, stock, category_id)
       SELECT md5(n::text) || CASE WHEN n >= ${CHAIRS_FROM} THEN ' Walnut chair' ELSE ' Pine lamp' END, ((n * 7919) % 5000) / 100.0, n % 50, $1
       FROM generate_series(1, ${ROWS}) AS n ORDER BY n`,
      [category],
    );
    [{ min: minId }] = await dataSource.query<Array<{ min: number }>>('SELECT min(id) AS min FROM products');
    // As autovacuum leaves a table that is mostly read: the visibility map set, so an
    // index-only scan need not visit the table.
    await dataSource.query('VACUUM ANALYZE products');
  }, 300_000);
  afterAll(async () => {
    await app?.close();
  });

  /** The statement that serves `url` (the one with ORDER BY), as TypeORM sends it. */
  async function captureListing(url: string): Promise<{ status: number; body: any; ids: number[]; sql: string; parameters: unknown[] }> {
    const logger = dataSource.logger;
    const original = logger.logQuery;
    const selects: Array<{ sql: string; parameters: unknown[] }> = [];
    logger.logQuery = (query, parameters, queryRunner) => {
      if (/"products"/.test(query) && /ORDER BY/.test(query)) selects.push({ sql: query, parameters: (parameters as unknown[] | undefined) ?? [] });
      return original.call(logger, query, parameters, queryRunner);
    };
    try {
      const response = await app.get(url);
      expect(selects).toHaveLength(1);
      return { status: response.status, body: response.body, ids: response.body.results?.map((product: { id: number }) => product.id), ...selects[0] };
    } finally {
      logger.logQuery = original;
    }
  }

  async function plan(sql: string, parameters: unknown[]): Promise<PlanNode> {
    const [row] = await dataSource.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, parameters);
    const json = typeof row['QUERY PLAN'] === 'string' ? JSON.parse(row['QUERY PLAN']) : row['QUERY PLAN'];
    return json[0].Plan as PlanNode;
  }

  /** Rows of products the plan's nodes looked at: returned, filtered out or rechecked away. */
  function productRowsRead(nodes: PlanNode[]): number {
    return nodes
      .filter((node) => node['Relation Name'] === 'products')
      .reduce(
        (sum, node) =>
          sum + (node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 1) + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0),
        0,
      );
  }

  const ORDER_BY: Record<string, string> = {
    price: 'price ASC, id ASC',
    '-price,name': 'price DESC, name ASC, id ASC',
    'stock,-name': 'stock ASC, name DESC, id DESC',
    '-stock,price,-id': 'stock DESC, price ASC, id DESC',
    'name,-price': 'name ASC, price DESC, id DESC',
    '-price,-stock,name': 'price DESC, stock DESC, name ASC, id ASC',
  };

  it.each(Object.keys(ORDER_BY))('reads a page %s 90,000 rows deep from an index, a page of rows or so', async (ordering) => {
    // The boundary row at that depth, and the next page, in the order the contract defines.
    const [boundary] = await dataSource.query(
      `SELECT id, name, price, stock FROM products WHERE category_id = $1 ORDER BY ${ORDER_BY[ordering]} OFFSET ${DEPTH - 1} LIMIT 1`,
      [category],
    );
    const expected: Array<{ id: number }> = await dataSource.query(
      `SELECT id FROM products WHERE category_id = $1 ORDER BY ${ORDER_BY[ordering]} OFFSET ${DEPTH} LIMIT 20`,
      [category],
    );
    const parsed = parseOrdering(ordering)!;
    const values = parsed.keys.filter((key) => key.field !== 'id').map((key) => (key.field === 'stock' ? boundary.stock : boundary[key.field]));
    const cursor = encodeCursor(parsed, { position: { values, id: boundary.id }, backward: false });

    const previous = encodeCursor(parsed, { position: { values, id: boundary.id }, backward: true });
    // The whole catalogue (the table holds only these rows) and one category: different indexes.
    for (const [filter, backward] of [['', false], ['', true], [`category=${category}&`, false], [`category=${category}&`, true]] as const) {
      const listing = await captureListing(`/products/?${filter}ordering=${encodeURIComponent(ordering)}&cursor=${backward ? previous : cursor}`);
      expect(listing.status).toBe(200);
      if (!backward) expect(listing.ids).toEqual(expected.map((row) => Number(row.id)));

      const nodes = nodesOf(await plan(listing.sql, listing.parameters));
      const scans = nodes.filter((node) => /Scan/.test(node['Node Type']) && node['Relation Name'] === 'products');
      expect(scans.map((node) => node['Node Type']), JSON.stringify(nodes.map((node) => node['Node Type']))).not.toContain('Seq Scan');
      expect(scans.every((node) => node['Index Name'])).toBe(true);
      const read = productRowsRead(nodes);
      // A page (21 rows), plus with mixed directions the rows tied with the boundary on the first
      // key and the next such group, sorted a group at a time (2,000 rows each for stock here):
      // far from the 90,000 an OFFSET reads, and the same at any depth.
      expect(read, `${ordering}: ${JSON.stringify(scans)}`).toBeLessThan(4_500);
      expect(nodes.map((node) => node['Node Type'])).not.toContain('Sort');
    }
  });

  it('reads a page-number page 9,000 rows deep from the table a page of rows, the skipped rows from an index alone', async () => {
    const expected: Array<{ id: number }> = await dataSource.query(
      `SELECT id FROM products WHERE category_id = $1 ORDER BY price DESC, id DESC OFFSET 9000 LIMIT 20`,
      [category],
    );
    const listing = await captureListing(`/products/?category=${category}&ordering=-price&page=451`);
    expect(listing.status).toBe(200);
    expect(listing.ids).toEqual(expected.map((row) => Number(row.id)));
    const nodes = nodesOf(await plan(listing.sql, listing.parameters));
    const scans = nodes.filter((node) => /Scan/.test(node['Node Type']) && node['Relation Name'] === 'products');
    expect(scans.find((node) => (node['Actual Rows'] ?? 0) >= 9_000)?.['Node Type'], JSON.stringify(scans)).toBe('Index Only Scan');
    const tableRows = scans.reduce(
      (sum, node) => sum + (node['Node Type'] === 'Index Only Scan' ? (node['Heap Fetches'] ?? 0) : (node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 1)),
      0,
    );
    expect(tableRows, JSON.stringify(scans)).toBeLessThanOrEqual(20);
  });

  const chairIds = (from: number, count: number) => Array.from({ length: count }, (_, index) => minId + CHAIRS_FROM - 1 + from + index);

  it('answers a rare term’s first page and its count in one statement, from its matches only', async () => {
    const listing = await captureListing('/products/?search=walnut%20CHAIR');
    expect(listing.status).toBe(200);
    expect(listing.body.count).toBe(5_000);
    expect(listing.ids).toEqual(chairIds(0, 20));
    const [first] = await dataSource.query('SELECT id, name, price::text AS price, stock, category_id AS category FROM products WHERE id = $1', [chairIds(0, 1)[0]]);
    expect(listing.body.results[0]).toEqual({ ...first, id: Number(first.id) });
    expect(productRowsRead(nodesOf(await plan(listing.sql, listing.parameters)))).toBeLessThanOrEqual(5_000);
  });

  it('orders and pages a search by any key, its last page included', async () => {
    const expected: Array<{ id: number }> = await dataSource.query(
      `SELECT id FROM products WHERE name ILIKE '%walnut chair%' ORDER BY price DESC, id DESC OFFSET 4980 LIMIT 20`,
    );
    const listing = await captureListing('/products/?search=walnut%20chair&ordering=-price&page=250');
    expect(listing.status).toBe(200);
    expect(listing.body).toMatchObject({ count: 5_000, next: null, previous: expect.stringContaining('page=249') });
    expect(listing.ids).toEqual(expected.map((row) => Number(row.id)));
    expect(productRowsRead(nodesOf(await plan(listing.sql, listing.parameters)))).toBeLessThanOrEqual(5_000);
    expect((await app.get('/products/?search=walnut%20chair&page=251')).status).toBe(404);
  });

  it('walks a search in cursor mode from its matches, forward and back', async () => {
    const first = await captureListing('/products/?search=walnut%20chair&mode=cursor&page_size=50');
    expect(first.ids).toEqual(chairIds(0, 50));
    const second = await captureListing(new URL(first.body.next).pathname + new URL(first.body.next).search);
    expect(second.ids).toEqual(chairIds(50, 50));
    expect(productRowsRead(nodesOf(await plan(second.sql, second.parameters)))).toBeLessThanOrEqual(5_000);
    const back = await app.get(new URL(second.body.previous).pathname + new URL(second.body.previous).search);
    expect(back.body.results.map((product: { id: number }) => product.id)).toEqual(chairIds(0, 50));
  });

  it('leaves a term with more than 10,000 matches to the planner, counted once', async () => {
    const first = await app.get('/products/?search=pine%20lamp');
    expect(first.status).toBe(200);
    expect(first.body.count).toBe(CHAIRS_FROM - 1);
    expect(first.body.results.map((product: { id: number }) => product.id)).toEqual(Array.from({ length: 20 }, (_, index) => minId + index));
    // Known to be common now: the next page goes straight to the planner's query.
    const second = await captureListing('/products/?search=pine%20lamp&page=2');
    expect(second.ids).toEqual(Array.from({ length: 20 }, (_, index) => minId + 20 + index));
    expect(second.sql).not.toMatch(/^WITH/);
  });
});

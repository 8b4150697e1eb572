#!/usr/bin/env node
// Prints PostgreSQL's plan for each benchmarked query, as the app issues them (the same
// WHERE / ORDER BY / LIMIT shapes), on the benchmark database. Usage: node bench/explain.mjs
import pg from 'pg';

const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/storedeal_bench';
const columns = 'product.id, product.name, product.price, product.stock, product.category_id';
/** ProductsService.fromMatches: up to 10,001 matches, ordered and cut, with their count. */
const SEARCH_PAGE = `WITH matches (id, name, price, stock, category_id) AS MATERIALIZED (
     SELECT ${columns} FROM products product
     WHERE product_name_suffixes(product.name) @@ product_name_search($2) AND product.name ILIKE $1 LIMIT 10001)
   SELECT product.id, product.name, product.price::text, product.stock, product.category_id, (SELECT count(*) FROM matches)
   FROM matches product ORDER BY product.id ASC LIMIT 20`;
/** ProductsService.pageAt: the OFFSET walks an index for ids, the page's rows alone come from the table. */
const deferredPage = (where, orderBy, offset) =>
  `SELECT ${columns.replaceAll('product.', 'listed.')} FROM products listed
   WHERE listed.id IN (SELECT product.id FROM products product ${where} ORDER BY ${orderBy} LIMIT 20 OFFSET ${offset})
   ORDER BY ${orderBy.replace(/(\w+) (ASC|DESC)/g, 'listed.$1 $2')}`;
const queries = {
  'product detail': [`SELECT ${columns} FROM products product WHERE product.id = $1 LIMIT 1`, [500000]],
  'first page': [`SELECT ${columns} FROM products product ORDER BY product.id ASC LIMIT 20`, []],
  'category 3 by price': [
    `SELECT ${columns} FROM products product WHERE product.category_id = $1 ORDER BY product.price ASC, product.id ASC LIMIT 20`,
    [3],
  ],
  'category 3 by name': [
    `SELECT ${columns} FROM products product WHERE product.category_id = $1 ORDER BY product.name ASC, product.id ASC LIMIT 20`,
    [3],
  ],
  'search "chair 77" (matches first: the page and its count in one statement)': [SEARCH_PAGE, ['%chair 77%', 'chair 77']],
  'search "chair 7" (a common term: 6,956 matches)': [SEARCH_PAGE, ['%chair 7%', 'chair 7']],
  'search "chair 704" (matches late in the catalogue)': [SEARCH_PAGE, ['%chair 704%', 'chair 704']],
  'search "chair 704" as the planner alone would answer it (before)': [
    `SELECT ${columns} FROM products product WHERE product.name ILIKE $1 ORDER BY product.id ASC LIMIT 20`,
    ['%chair 704%'],
  ],
  'cursor page at 90%': [`SELECT ${columns} FROM products product WHERE product.id > $1 ORDER BY product.id ASC LIMIT 21`, [900000]],
  'cursor page by price at 90%': [
    `SELECT ${columns} FROM products product WHERE (product.price, product.id) > ($1, $2) ORDER BY product.price ASC, product.id ASC LIMIT 21`,
    ['900.00', 1],
  ],
  'deepest page-number page (offset 9,980: MAX_PAGE_DEPTH), a deferred join': [deferredPage('', 'id ASC', 9980), []],
  'category 3 by price, offset 9,000, a deferred join': [deferredPage('WHERE category_id = 3', 'price ASC, id ASC', 9000), []],
  'category 3 by price, offset 9,000, a plain OFFSET (before)': [
    `SELECT ${columns} FROM products product WHERE product.category_id = 3 ORDER BY product.price ASC, product.id ASC LIMIT 20 OFFSET 9000`,
    [],
  ],
  'count (cached ≤ 1 s per filter)': ['SELECT count(*) FROM products product', []],
  'cart of a user': [
    `SELECT ci.id, ci.quantity, p.id, p.name, p.price, p.stock, sum(ci.quantity) OVER (), sum(p.price * ci.quantity) OVER ()
     FROM cart_items ci
     CROSS JOIN LATERAL (SELECT id, name, price, stock FROM products WHERE id = ci.product_id OFFSET 0) p
     WHERE ci.user_id = $1 ORDER BY ci.created_at, ci.id`,
    [1],
  ],
};

const client = new pg.Client({ connectionString: url });
await client.connect();
// As the app counts (ProductsService.count): without parallel workers.
await client.query('SET max_parallel_workers_per_gather = 0');
for (const [name, [sql, values]] of Object.entries(queries)) {
  const { rows } = await client.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${sql}`, values);
  console.log(`-- ${name}\n${rows.map((row) => row['QUERY PLAN']).join('\n')}\n`);
}
await client.end();

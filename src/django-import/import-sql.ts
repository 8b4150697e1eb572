/**
 * The importer's SQL. Rows travel as one array per column and are unnested by PostgreSQL, so
 * one statement carries thousands of rows. An upsert only touches a row whose values differ
 * (IS DISTINCT FROM), and counts what it wrote, so a re-run over the same data writes nothing.
 */

/**
 * $1–$2 the range of Django's ids. Storedeal's rows in it, with what identifies each to a
 * person; a range, not the list of ids, so a first import does not ship every id back.
 */
export const PRESENT = {
  users: 'SELECT id, username AS label FROM users WHERE id BETWEEN $1 AND $2',
  categories: 'SELECT id, name AS label FROM categories WHERE id BETWEEN $1 AND $2',
  products: 'SELECT id, name AS label FROM products WHERE id BETWEEN $1 AND $2',
};

/** $1 ids, $2 usernames. Storedeal users that hold one of the usernames under another id. */
export const USERNAME_HOLDERS = `
  SELECT d.id AS django_id, u.id, u.username AS label
  FROM unnest($1::int[], $2::varchar[]) AS d(id, username)
  JOIN users u ON u.username = d.username AND u.id <> d.id`;

/** $1 ids, $2 names. The same for category names, which are unique ignoring case. */
export const CATEGORY_NAME_HOLDERS = `
  SELECT d.id AS django_id, c.id, c.name AS label
  FROM unnest($1::int[], $2::varchar[]) AS d(id, name)
  JOIN categories c ON lower(c.name) = lower(d.name) AND c.id <> d.id`;

/** $1 names → each with lower(name), as the unique index on categories folds it. */
export const FOLD_CASE = 'SELECT name, lower(name) AS folded FROM unnest($1::varchar[]) AS name';

export const UPSERT_USERS = `
  WITH written AS (
    INSERT INTO users (id, username, email, first_name, last_name, password, is_active, is_staff, is_superuser, date_joined, last_login)
    SELECT * FROM unnest($1::int[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[],
                         $7::boolean[], $8::boolean[], $9::boolean[], $10::timestamptz[], $11::timestamptz[])
    ON CONFLICT (id) DO UPDATE SET
      username = EXCLUDED.username, email = EXCLUDED.email, first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name,
      password = EXCLUDED.password, is_active = EXCLUDED.is_active, is_staff = EXCLUDED.is_staff,
      is_superuser = EXCLUDED.is_superuser, date_joined = EXCLUDED.date_joined, last_login = EXCLUDED.last_login
    WHERE (users.username, users.email, users.first_name, users.last_name, users.password, users.is_active,
           users.is_staff, users.is_superuser, users.date_joined, users.last_login)
      IS DISTINCT FROM (EXCLUDED.username, EXCLUDED.email, EXCLUDED.first_name, EXCLUDED.last_name, EXCLUDED.password,
           EXCLUDED.is_active, EXCLUDED.is_staff, EXCLUDED.is_superuser, EXCLUDED.date_joined, EXCLUDED.last_login)
    RETURNING 1
  )
  SELECT count(*)::int AS written FROM written`;

export const UPSERT_CATEGORIES = `
  WITH written AS (
    INSERT INTO categories (id, name)
    SELECT * FROM unnest($1::int[], $2::varchar[])
    ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name
    WHERE categories.name IS DISTINCT FROM EXCLUDED.name
    RETURNING 1
  )
  SELECT count(*)::int AS written FROM written`;

export const UPSERT_PRODUCTS = `
  WITH written AS (
    INSERT INTO products (id, name, price, stock, category_id)
    SELECT * FROM unnest($1::int[], $2::varchar[], $3::numeric[], $4::int[], $5::int[])
    ON CONFLICT (id) DO UPDATE SET
      name = EXCLUDED.name, price = EXCLUDED.price, stock = EXCLUDED.stock, category_id = EXCLUDED.category_id
    WHERE (products.name, products.price, products.stock, products.category_id)
      IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.price, EXCLUDED.stock, EXCLUDED.category_id)
    RETURNING 1
  )
  SELECT count(*)::int AS written FROM written`;

/** $1 table. Its indexes that back no constraint (primary key, unique), with the DDL that re-creates each. */
export const SECONDARY_INDEXES = `
  SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
  FROM pg_index x
  JOIN pg_class i ON i.oid = x.indexrelid
  WHERE x.indrelid = to_regclass($1)
    AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
  ORDER BY i.relname`;

/** $1 users, $2 products. Cart lines are one per (user, product) and keep Storedeal's own ids. */
export const PRESENT_CART_LINES = `
  SELECT c.user_id, c.product_id
  FROM unnest($1::int[], $2::int[]) AS d(user_id, product_id)
  JOIN cart_items c ON c.user_id = d.user_id AND c.product_id = d.product_id`;

/** Lines are inserted in Django's order, so the cart lists them as Django did. */
export const UPSERT_CART_LINES = `
  WITH written AS (
    INSERT INTO cart_items (user_id, product_id, quantity)
    SELECT * FROM unnest($1::int[], $2::int[], $3::int[])
    ON CONFLICT ON CONSTRAINT "UQ_cart_items_user_product" DO UPDATE SET quantity = EXCLUDED.quantity
    WHERE cart_items.quantity IS DISTINCT FROM EXCLUDED.quantity
    RETURNING 1
  )
  SELECT count(*)::int AS written FROM written`;

/**
 * What UPSERT_CART_LINES would write, for a dry run: inserting would draw ids from the
 * sequence, and a rollback does not give them back.
 */
export const COUNT_CART_LINES_TO_WRITE = `
  SELECT count(*)::int AS written
  FROM unnest($1::int[], $2::int[], $3::int[]) AS d(user_id, product_id, quantity)
  LEFT JOIN cart_items c ON c.user_id = d.user_id AND c.product_id = d.product_id
  WHERE c.id IS NULL OR c.quantity IS DISTINCT FROM d.quantity`;

/**
 * $1 the highest Django id (kept or not: a merged category's id must not come back as
 * another category). Moves the id sequence past it and past the table's highest id, so rows
 * Storedeal creates next neither collide with imported ones nor reuse a Django id; never
 * moves it back.
 */
export function moveSequence(table: 'users' | 'categories' | 'products'): string {
  return `
    SELECT setval(pg_get_serial_sequence('${table}', 'id'), m.max_id)
    FROM (SELECT greatest(max(id), $1::int) AS max_id FROM ${table}) AS m
    WHERE m.max_id > coalesce(pg_sequence_last_value(pg_get_serial_sequence('${table}', 'id')::regclass), 0)`;
}

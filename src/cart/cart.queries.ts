import type { Statement } from '../database/sql.js';

/**
 * The cart's SQL. Money is multiplied and summed as PostgreSQL numeric and leaves the
 * database as text, so no total ever passes through a JavaScript float.
 */

/** One cart line joined to its product: `ci` is the line, `p` the product. */
export interface CartLineRow {
  id: number;
  quantity: number;
  product_id: number;
  product_name: string;
  product_price: string;
  product_stock: number;
  total_price: string;
}

/** A line of the whole-cart query, which carries the cart's totals on every row. */
export interface CartRow extends CartLineRow {
  cart_quantity: number;
  cart_price: string;
}

export interface UpsertedLineRow extends CartLineRow {
  created: boolean;
}

/**
 * Each line's product looked up by its primary key. `OFFSET 0` keeps the planner from turning
 * this into an ordinary join, which it may run as a merge join walking the products' primary
 * key from the first id to the cart's highest (measured: 555,555 index entries and 63 ms for a
 * 10-line cart at a million products when cart_items' statistics saw only small ids).
 */
const PRODUCT_OF_LINE = `
  CROSS JOIN LATERAL (SELECT id, name, price, stock FROM products WHERE id = ci.product_id OFFSET 0) p`;

const LINE_COLUMNS = `
  ci.id, ci.quantity,
  p.id AS product_id, p.name AS product_name, p.price::text AS product_price, p.stock AS product_stock,
  (p.price * ci.quantity)::text AS total_price`;

/** $1 user id. Window sums give the totals in the same single query, however many lines. */
export const SELECT_CART: Statement = {
  name: 'cart_select',
  text: `
  SELECT ${LINE_COLUMNS},
    (sum(ci.quantity) OVER ())::integer AS cart_quantity,
    (sum(p.price * ci.quantity) OVER ())::text AS cart_price
  FROM cart_items ci${PRODUCT_OF_LINE}
  WHERE ci.user_id = $1
  ORDER BY ci.created_at, ci.id`,
};

/** $1 line id, $2 user id. */
export const SELECT_LINE = `
  SELECT ${LINE_COLUMNS}
  FROM cart_items ci${PRODUCT_OF_LINE}
  WHERE ci.id = $1 AND ci.user_id = $2`;

/**
 * $1 user id, $2 product id, $3 quantity. One statement, so concurrent adds of the same
 * product meet on the unique constraint and update the one line instead of failing. No row
 * comes back when the product is missing or has too little stock. `xmax = 0` tells a fresh
 * insert from a row the ON CONFLICT branch updated.
 */
export const UPSERT_LINE: Statement = {
  name: 'cart_upsert_line',
  text: `
  WITH line AS (
    INSERT INTO cart_items (user_id, product_id, quantity)
    SELECT $1::integer, p.id, $3::integer
    FROM products p
    WHERE p.id = $2::integer AND p.stock >= $3::integer
    ON CONFLICT ON CONSTRAINT "UQ_cart_items_user_product" DO UPDATE SET quantity = EXCLUDED.quantity
    RETURNING id, product_id, quantity, (xmax = 0) AS created
  )
  SELECT ${LINE_COLUMNS}, ci.created
  FROM line ci${PRODUCT_OF_LINE}`,
};

/** $1 line id, $2 user id, $3 quantity. No row when the line is not the user's or stock is short. */
export const UPDATE_LINE_QUANTITY = `
  WITH line AS (
    UPDATE cart_items ci SET quantity = $3::integer
    WHERE ci.id = $1::integer AND ci.user_id = $2::integer
      AND (SELECT stock FROM products WHERE id = ci.product_id) >= $3::integer
    RETURNING ci.id, ci.product_id, ci.quantity
  )
  SELECT ${LINE_COLUMNS}
  FROM line ci${PRODUCT_OF_LINE}`;

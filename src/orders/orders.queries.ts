/**
 * The orders' SQL. Totals are computed by PostgreSQL in numeric and leave it as text, so no
 * amount passes through a JavaScript float; times leave it as ISO-8601 UTC with microseconds,
 * as DRF renders them.
 */

export interface OrderItemRow {
  id: number;
  product_id: number | null;
  name: string;
  unit_price: string;
  quantity: number;
  total_price: string;
}

export interface OrderRow {
  id: number;
  status: string;
  user_id: number | null;
  total_quantity: number;
  total_price: string;
  shipping_full_name: string;
  shipping_line1: string;
  shipping_line2: string;
  shipping_city: string;
  shipping_postal_code: string;
  shipping_country: string;
  shipping_phone: string;
  created_at: string;
  updated_at: string;
  items: OrderItemRow[];
}

const utc = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** An order with its lines in one row (`o` is the order). */
export const ORDER_COLUMNS = `
  o.id, o.status, o.user_id, o.total_quantity, o.total_price::text AS total_price,
  o.shipping_full_name, o.shipping_line1, o.shipping_line2, o.shipping_city,
  o.shipping_postal_code, o.shipping_country, o.shipping_phone,
  ${utc('o.created_at')} AS created_at, ${utc('o.updated_at')} AS updated_at,
  coalesce((
    SELECT json_agg(json_build_object(
      'id', i.id, 'product_id', i.product_id, 'name', i.name, 'unit_price', i.unit_price::text,
      'quantity', i.quantity, 'total_price', (i.unit_price * i.quantity)::text) ORDER BY i.id)
    FROM order_items i WHERE i.order_id = o.id
  ), '[]'::json) AS items`;

/** $1 order id. */
export const SELECT_ORDER = `SELECT ${ORDER_COLUMNS} FROM orders o WHERE o.id = $1`;

/**
 * $1 user id, $2 product ids, $3 names, $4 unit prices, $5 quantities (the lines, in cart
 * order), $6–$12 the address. One statement: the order with its totals, then its lines.
 */
export const INSERT_ORDER = `
  WITH lines AS (
    SELECT * FROM unnest($2::integer[], $3::varchar[], $4::numeric[], $5::integer[])
      WITH ORDINALITY AS l(product_id, name, unit_price, quantity, position)
  ), placed AS (
    INSERT INTO orders (user_id, total_quantity, total_price, shipping_full_name, shipping_line1, shipping_line2,
                        shipping_city, shipping_postal_code, shipping_country, shipping_phone)
    SELECT $1, sum(quantity), sum(unit_price * quantity), $6, $7, $8, $9, $10, $11, $12 FROM lines
    RETURNING id
  )
  INSERT INTO order_items (order_id, product_id, name, unit_price, quantity)
  SELECT placed.id, lines.product_id, lines.name, lines.unit_price, lines.quantity
  FROM placed, lines ORDER BY lines.position
  RETURNING order_id`;

/**
 * $1 order id, $2 new status, $3 the statuses it may move from, $4 the owner's id or null
 * for staff. Atomic: of two racing moves only one finds the order still in a status it may
 * move from.
 */
export const MOVE_ORDER = `
  UPDATE orders SET status = $2, updated_at = now()
  WHERE id = $1 AND status = ANY($3::varchar[]) AND ($4::integer IS NULL OR user_id = $4)
  RETURNING id`;

/** $1 order id, $2 the owner's id or null for staff: the status, if the caller may see the order. */
export const SELECT_VISIBLE_STATUS = `SELECT status FROM orders WHERE id = $1 AND ($2::integer IS NULL OR user_id = $2)`;

/** $1 order id: the lines whose product still exists, to put their units back in stock. */
export const SELECT_RETURNABLE_LINES = `
  SELECT product_id, quantity FROM order_items WHERE order_id = $1 AND product_id IS NOT NULL ORDER BY product_id`;

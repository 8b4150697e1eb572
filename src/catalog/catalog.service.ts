import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Product } from './entities/product.entity.js';

/** So many units of one product. */
export interface StockRequest {
  productId: number;
  quantity: number;
}

/** A product whose stock was taken, as it was at that moment (what an order line freezes). */
export interface TakenStock {
  productId: number;
  name: string;
  /** numeric text, e.g. "699.00". */
  price: string;
}

/** A product that has less than was asked (0 when it no longer exists). */
export interface StockShortfall {
  productId: number;
  requested: number;
  available: number;
}

export type StockTaking = { taken: TakenStock[]; short?: undefined } | { short: StockShortfall[]; taken?: undefined };

/** $1 product ids, $2 quantities, as one row per product (a product listed twice counts once, its quantities added). */
const WANTED = `wanted AS (
    SELECT product_id, sum(quantity)::integer AS quantity
    FROM unnest($1::integer[], $2::integer[]) AS w(product_id, quantity)
    GROUP BY product_id
  )`;

/**
 * $1 product ids, $2 quantities. One statement for every line, all or nothing: the products
 * are locked in id order (so two checkouts holding the same products never deadlock), the
 * short lines are found on the locked rows, and stock is taken only when there is none.
 * The lock returns each row as the last committed writer left it, so the check and the update
 * see the same stock; CHK_products_stock_non_negative stays the last line of defence. It is
 * NO KEY UPDATE, what the UPDATE itself takes: a cart add's foreign-key check (KEY SHARE) on
 * the same product does not wait for the checkout.
 */
const TAKE_STOCK = `
  WITH ${WANTED}, locked AS (
    SELECT p.id, p.stock FROM products p JOIN wanted w ON w.product_id = p.id ORDER BY p.id FOR NO KEY UPDATE OF p
  ), short AS (
    SELECT w.product_id, w.quantity AS requested, coalesce(l.stock, 0) AS available
    FROM wanted w LEFT JOIN locked l ON l.id = w.product_id
    WHERE l.id IS NULL OR l.stock < w.quantity
  ), taken AS (
    UPDATE products p SET stock = p.stock - w.quantity
    FROM wanted w
    WHERE p.id = w.product_id AND NOT EXISTS (SELECT 1 FROM short)
    RETURNING p.id, p.name, p.price::text AS price
  )
  SELECT false AS short, id AS product_id, name, price, NULL::integer AS requested, NULL::integer AS available FROM taken
  UNION ALL
  SELECT true, product_id, NULL, NULL, requested, available FROM short`;

/**
 * $1 product ids, $2 quantities: the units go back, rows locked in id order as TAKE_STOCK
 * locks them. Products deleted meanwhile are skipped. Stock is an integer column: a return
 * that would overflow it stops at its largest value rather than failing the cancellation.
 */
const RETURN_STOCK = `
  WITH ${WANTED}, locked AS (
    SELECT p.id FROM products p JOIN wanted w ON w.product_id = p.id ORDER BY p.id FOR NO KEY UPDATE OF p
  )
  UPDATE products p SET stock = least(p.stock::bigint + w.quantity, 2147483647)
  FROM wanted w JOIN locked l ON l.id = w.product_id
  WHERE p.id = w.product_id`;

interface StockRow {
  short: boolean;
  product_id: number;
  name: string | null;
  price: string | null;
  requested: number | null;
  available: number | null;
}

/**
 * The catalogue's single entry point for other modules: the cart asks it about products,
 * checkout and cancellation move stock through it, inside their own transactions.
 */
@Injectable()
export class CatalogService {
  constructor(@InjectRepository(Product) private readonly products: Repository<Product>) {}

  findProduct(id: number): Promise<Product | null> {
    return this.products.findOneBy({ id });
  }

  /** Takes the stock of every request, or none: the shortfalls say why. */
  async takeStock(requests: StockRequest[], manager: EntityManager): Promise<StockTaking> {
    const rows = await manager.query<StockRow[]>(TAKE_STOCK, columns(requests));
    const short = rows.filter((row) => row.short);
    if (short.length > 0) {
      return {
        short: short.map((row) => ({ productId: row.product_id, requested: row.requested!, available: row.available! })),
      };
    }
    return { taken: rows.map((row) => ({ productId: row.product_id, name: row.name!, price: row.price! })) };
  }

  /** Puts units back (a cancelled order). */
  async returnStock(requests: StockRequest[], manager: EntityManager): Promise<void> {
    if (requests.length === 0) return;
    await manager.query(RETURN_STOCK, columns(requests));
  }
}

function columns(requests: StockRequest[]): [number[], number[]] {
  return [requests.map((request) => request.productId), requests.map((request) => request.quantity)];
}

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
 * $1 product ids, $2 quantities. Locks the wanted products in id order, so two checkouts
 * holding the same products never deadlock, and returns the lines that are short. The lock
 * returns each row as the last committed writer left it, so the check sees the stock that the
 * update then changes.
 *
 * Locking and updating are two statements on purpose. An UPDATE in the same statement would
 * scan with the statement's snapshot, reach a row version a concurrent checkout has since
 * replaced, and queue for that old version's tuple lock behind a transaction that is waiting
 * for us: measured on PostgreSQL 15 as "deadlock detected" between checkouts whenever cart
 * adds of the same products ran beside them.
 */
const LOCK_AND_FIND_SHORT = `
  WITH ${WANTED}, locked AS (
    SELECT p.id, p.stock FROM products p JOIN wanted w ON w.product_id = p.id ORDER BY p.id FOR NO KEY UPDATE OF p
  )
  SELECT w.product_id, w.quantity AS requested, coalesce(l.stock, 0) AS available
  FROM wanted w LEFT JOIN locked l ON l.id = w.product_id
  WHERE l.id IS NULL OR l.stock < w.quantity`;

/**
 * $1 product ids, $2 quantities, on rows LOCK_AND_FIND_SHORT locked. The statement's fresh
 * snapshot sees the versions we hold; CHK_products_stock_non_negative stays the last line of
 * defence.
 */
const TAKE_LOCKED_STOCK = `
  WITH ${WANTED}
  UPDATE products p SET stock = p.stock - w.quantity
  FROM wanted w
  WHERE p.id = w.product_id
  RETURNING p.id AS product_id, p.name, p.price::text AS price`;

/** $1 product ids, $2 quantities, on locked rows: the units go back. Stock is an integer column:
 * a return that would overflow it stops at its largest value rather than failing the cancellation. */
const RETURN_LOCKED_STOCK = `
  WITH ${WANTED}
  UPDATE products p SET stock = least(p.stock::bigint + w.quantity, 2147483647)
  FROM wanted w
  WHERE p.id = w.product_id`;

interface ShortRow {
  product_id: number;
  requested: number;
  available: number;
}

interface TakenRow {
  product_id: number;
  name: string;
  price: string;
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
    const short = await manager.query<ShortRow[]>(LOCK_AND_FIND_SHORT, columns(requests));
    if (short.length > 0) {
      return { short: short.map((row) => ({ productId: row.product_id, requested: row.requested, available: row.available })) };
    }
    // TypeORM answers an UPDATE with [rows, affected count].
    const [taken] = await manager.query<[TakenRow[], number]>(TAKE_LOCKED_STOCK, columns(requests));
    return { taken: taken.map((row) => ({ productId: row.product_id, name: row.name, price: row.price })) };
  }

  /** Puts units back (a cancelled order); products deleted meanwhile are skipped. */
  async returnStock(requests: StockRequest[], manager: EntityManager): Promise<void> {
    if (requests.length === 0) return;
    // Locked as a checkout locks them (a return is never short, so the shortfalls are moot).
    await manager.query(LOCK_AND_FIND_SHORT, columns(requests));
    await manager.query(RETURN_LOCKED_STOCK, columns(requests));
  }
}

function columns(requests: StockRequest[]): [number[], number[]] {
  return [requests.map((request) => request.productId), requests.map((request) => request.quantity)];
}

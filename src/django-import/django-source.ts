import type { DjangoCartItem, DjangoCategory, DjangoProduct, DjangoUser } from './django-rows.js';

/**
 * A Django Storedeal database to read from: a SQLite file or a PostgreSQL database. Both take
 * the same SQL; a source only runs it, answering rows as arrays of column values. Prices and
 * timestamps are read as the database's own text, so nothing is rounded on the way (on SQLite,
 * Django's decimals mostly land as REAL, and SQLite renders a REAL as the shortest text that
 * reads back to the same double: the decimal Django wrote whenever it had at most 15
 * significant digits, and a decimal(10,3) has at most 10).
 */
export abstract class DjangoSource {
  /** For messages: the file, or the URL without its password. */
  abstract readonly description: string;

  protected abstract rows(sql: string): Promise<unknown[][]>;

  abstract close(): Promise<void>;

  async readUsers(): Promise<DjangoUser[]> {
    const rows = await this.rows(
      `SELECT id, username, email, first_name, last_name, password, is_active, is_staff, is_superuser,
              CAST(date_joined AS TEXT), CAST(last_login AS TEXT)
       FROM auth_user ORDER BY id`,
    );
    return rows.map((row) => ({
      id: integer(row[0]),
      username: text(row[1]),
      email: text(row[2]),
      firstName: text(row[3]),
      lastName: text(row[4]),
      password: text(row[5]),
      isActive: boolean(row[6]),
      isStaff: boolean(row[7]),
      isSuperuser: boolean(row[8]),
      dateJoined: text(row[9]),
      lastLogin: row[10] === null ? null : text(row[10]),
    }));
  }

  async readCategories(): Promise<DjangoCategory[]> {
    const rows = await this.rows('SELECT id, name FROM product_category ORDER BY id');
    return rows.map((row) => ({ id: integer(row[0]), name: text(row[1]) }));
  }

  async readProducts(): Promise<DjangoProduct[]> {
    const rows = await this.rows('SELECT id, name, CAST(price AS TEXT), stock_quantity, category_id FROM product_product ORDER BY id');
    return rows.map((row) => ({ id: integer(row[0]), name: text(row[1]), price: text(row[2]), stock: integer(row[3]), categoryId: integer(row[4]) }));
  }

  async readCartItems(): Promise<DjangoCartItem[]> {
    const rows = await this.rows('SELECT id, user_id, product_id, quantity FROM carts_cartitem ORDER BY id');
    return rows.map((row) => ({ id: integer(row[0]), userId: integer(row[1]), productId: integer(row[2]), quantity: integer(row[3]) }));
  }
}

/** Django's columns the importer reads, per table. */
export const DJANGO_COLUMNS = {
  auth_user: ['id', 'username', 'email', 'first_name', 'last_name', 'password', 'is_active', 'is_staff', 'is_superuser', 'date_joined', 'last_login'],
  product_category: ['id', 'name'],
  product_product: ['id', 'name', 'price', 'stock_quantity', 'category_id'],
  carts_cartitem: ['id', 'user_id', 'product_id', 'quantity'],
} as const;

export class DjangoSourceError extends Error {}

export function missingColumnsMessage(description: string, table: string, missing: string[]): string {
  return missing.length === DJANGO_COLUMNS[table as keyof typeof DJANGO_COLUMNS]?.length
    ? `${description} has no table ${table}: is it the Django Storedeal's database (after its migrations)?`
    : `${description}: table ${table} has no column ${missing.join(', ')}: is it the Django Storedeal's database (after its migrations)?`;
}

/** An id or count as Django stored it; anything else becomes NaN, which the rules refuse. */
function integer(value: unknown): number {
  if (typeof value === 'number') return Number.isInteger(value) ? value : NaN;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && /^-?\d{1,20}$/.test(value.trim())) return Number(value.trim());
  return NaN;
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  return value === null || value === undefined ? '' : String(value);
}

/** Django's booleans: PostgreSQL's boolean, SQLite's 0/1. */
function boolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return ['1', 'true', 't'].includes(value.trim().toLowerCase());
  return Number(value) !== 0;
}

import type { DjangoCartItem, DjangoCategory, DjangoProduct, DjangoUser } from './django-rows.js';

/** A Django Storedeal database to read from: a SQLite file or a PostgreSQL database. */
export interface DjangoSource {
  /** For messages: the file, or the URL without its password. */
  readonly description: string;
  readUsers(): Promise<DjangoUser[]>;
  readCategories(): Promise<DjangoCategory[]>;
  readProducts(): Promise<DjangoProduct[]>;
  readCartItems(): Promise<DjangoCartItem[]>;
  close(): Promise<void>;
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
export function integer(value: unknown): number {
  if (typeof value === 'number') return Number.isInteger(value) ? value : NaN;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && /^-?\d{1,20}$/.test(value.trim())) return Number(value.trim());
  return NaN;
}

export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  return value === null || value === undefined ? '' : String(value);
}

/** Django's booleans: PostgreSQL's boolean, SQLite's 0/1. */
export function boolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return ['1', 'true', 't'].includes(value.trim().toLowerCase());
  return Number(value) !== 0;
}

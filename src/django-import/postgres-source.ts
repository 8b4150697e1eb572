import pg from 'pg';
import type { DjangoCartItem, DjangoCategory, DjangoProduct, DjangoUser } from './django-rows.js';
import { boolean, DJANGO_COLUMNS, DjangoSource, DjangoSourceError, integer, missingColumnsMessage, text } from './django-source.js';

/** The URL without its password, for messages. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the PostgreSQL database';
  }
}

/**
 * The Django Storedeal's PostgreSQL database, read inside one REPEATABLE READ, READ ONLY
 * transaction: every table from the same snapshot, even while Django still runs. Prices and
 * timestamps come as PostgreSQL's own text (in UTC), so nothing is rounded on the way.
 */
export async function openPostgresSource(url: string): Promise<DjangoSource> {
  const description = describePostgresUrl(url);
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new DjangoSourceError(`Cannot connect to the Django database at ${description}: ${(error as Error).message}`);
  }
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query(`SET LOCAL TIME ZONE 'UTC'`);
    for (const [table, columns] of Object.entries(DJANGO_COLUMNS)) {
      const { rows } = await client.query<{ name: string }>(
        `SELECT attname AS name FROM pg_attribute
         WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped`,
        [table],
      );
      const present = new Set(rows.map((row) => row.name));
      const missing = columns.filter((column) => !present.has(column));
      if (missing.length > 0) throw new DjangoSourceError(missingColumnsMessage(description, table, missing));
    }
  } catch (error) {
    await client.end();
    throw error;
  }
  return new PostgresSource(description, client);
}

class PostgresSource implements DjangoSource {
  constructor(
    readonly description: string,
    private readonly client: pg.Client,
  ) {}

  private async rows(sql: string): Promise<unknown[][]> {
    const result = await this.client.query({ text: sql, rowMode: 'array' });
    return result.rows as unknown[][];
  }

  async readUsers(): Promise<DjangoUser[]> {
    const rows = await this.rows(
      `SELECT id, username, email, first_name, last_name, password, is_active, is_staff, is_superuser,
              date_joined::text, last_login::text
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
    const rows = await this.rows('SELECT id, name, price::text, stock_quantity, category_id FROM product_product ORDER BY id');
    return rows.map((row) => ({ id: integer(row[0]), name: text(row[1]), price: text(row[2]), stock: integer(row[3]), categoryId: integer(row[4]) }));
  }

  async readCartItems(): Promise<DjangoCartItem[]> {
    const rows = await this.rows('SELECT id, user_id, product_id, quantity FROM carts_cartitem ORDER BY id');
    return rows.map((row) => ({ id: integer(row[0]), userId: integer(row[1]), productId: integer(row[2]), quantity: integer(row[3]) }));
  }

  async close(): Promise<void> {
    try {
      await this.client.query('ROLLBACK');
    } finally {
      await this.client.end();
    }
  }
}

import pg from 'pg';
import { DJANGO_COLUMNS, DjangoSource, DjangoSourceError, missingColumnsMessage } from './django-source.js';

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
 * transaction: every table from the same snapshot, even while Django still runs; timestamps
 * as text in UTC.
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

class PostgresSource extends DjangoSource {
  constructor(
    readonly description: string,
    private readonly client: pg.Client,
  ) {
    super();
  }

  protected async rows(sql: string): Promise<unknown[][]> {
    const result = await this.client.query({ text: sql, rowMode: 'array' });
    return result.rows as unknown[][];
  }

  async close(): Promise<void> {
    try {
      await this.client.query('ROLLBACK');
    } finally {
      await this.client.end();
    }
  }
}

import pg from 'pg';
import { EmbeddedPostgres, startEmbeddedPostgres } from '../src/database/embedded-postgres.js';

/**
 * The embedded PGlite is one PostgreSQL session behind many pool connections: each query
 * cycle and each transaction must have the session to itself.
 */
describe('embedded PostgreSQL over the wire protocol', () => {
  let database: EmbeddedPostgres;
  let pool: pg.Pool;

  beforeAll(async () => {
    database = await startEmbeddedPostgres();
    pool = new pg.Pool({ connectionString: database.url, max: 10 });
    await pool.query('CREATE TABLE counters (id integer PRIMARY KEY, value integer NOT NULL)');
    await pool.query('INSERT INTO counters VALUES (1, 0)');
  });
  afterAll(async () => {
    await pool.end();
    await database.close();
  });

  it('keeps concurrent parameterised queries apart, in and out of transactions', async () => {
    // A transaction that starts between another connection's Parse and Bind must not take
    // over the session's unnamed statement: each query here has its own parameter count.
    const queries = Array.from({ length: 200 }, async (_, index) => {
      const values = Array.from({ length: (index % 5) + 1 }, (__, position) => index * 10 + position);
      const sql = `SELECT ${values.map((_v, position) => `$${position + 1}::integer`).join(' + ')} AS total`;
      const expected = values.reduce((a, b) => a + b);
      if (index % 2 === 1) return { expected, total: (await pool.query<{ total: number }>(sql, values)).rows[0]?.total };
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const total = (await client.query<{ total: number }>(sql, values)).rows[0]?.total;
        await client.query('COMMIT');
        return { expected, total };
      } finally {
        client.release();
      }
    });
    for (const { total, expected } of await Promise.all(queries)) expect(total).toBe(expected);
  });

  it('runs concurrent transactions one after another, so read-modify-write counts every one', async () => {
    const increments = Array.from({ length: 20 }, async () => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const { rows } = await client.query<{ value: number }>('SELECT value FROM counters WHERE id = $1', [1]);
        await client.query('UPDATE counters SET value = $1 WHERE id = $2', [rows[0].value + 1, 1]);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    });
    await Promise.all(increments);
    expect((await pool.query('SELECT value FROM counters WHERE id = 1')).rows[0].value).toBe(20);
  });

  it('rolls back the open transaction of a client that goes away, and serves the others', async () => {
    const leaving = new pg.Client({ connectionString: database.url });
    await leaving.connect();
    await leaving.query('BEGIN');
    await leaving.query('UPDATE counters SET value = 999 WHERE id = 1');
    const waiting = pool.query('SELECT value FROM counters WHERE id = 1');
    // The connection drops mid-transaction, without COMMIT or ROLLBACK.
    (leaving as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    await leaving.end().catch(() => undefined);

    expect((await waiting).rows[0].value).toBe(20);
    expect((await pool.query('SELECT value FROM counters WHERE id = 1')).rows[0].value).toBe(20);
  });
});

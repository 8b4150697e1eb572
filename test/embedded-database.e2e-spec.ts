import { connect } from 'node:net';
import pg from 'pg';
import { EmbeddedPostgres, startEmbeddedPostgres } from '../src/database/embedded-postgres.js';

/** The embedded database's URL with another password (none: `undefined`). */
function withPassword(url: string, password: string | undefined): string {
  const parsed = new URL(url);
  parsed.password = password ?? '';
  return parsed.toString();
}

/** What a client gets for `messages` sent straight after its StartupMessage, without authenticating: the backend messages' types, until the server closes. */
async function unauthenticatedExchange(url: string, messages: Buffer[]): Promise<{ types: string[]; text: string }> {
  const { port } = new URL(url);
  const parameters = Buffer.from('user\0postgres\0database\0postgres\0\0');
  const startup = Buffer.alloc(8);
  startup.writeInt32BE(8 + parameters.length, 0);
  startup.writeInt32BE(196608, 4);
  const socket = connect(Number(port), '127.0.0.1');
  const received: Buffer[] = [];
  socket.on('data', (chunk) => received.push(chunk));
  socket.write(Buffer.concat([startup, parameters, ...messages]));
  await new Promise<void>((resolve, reject) => {
    socket.once('close', () => resolve());
    socket.once('error', reject);
    setTimeout(() => reject(new Error('the server kept the unauthenticated connection open')), 5000);
  });
  const data = Buffer.concat(received);
  const types: string[] = [];
  for (let index = 0; index < data.length; index += 1 + data.readInt32BE(index + 1)) types.push(String.fromCharCode(data[index]));
  return { types, text: data.toString('latin1') };
}

function frontendMessage(type: string, body: string): Buffer {
  const text = Buffer.from(body, 'utf8');
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(4 + text.length, 1);
  return Buffer.concat([header, text]);
}

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

  it('asks every client for the password (SCRAM-SHA-256) and refuses a wrong or missing one', async () => {
    const password = new URL(database.url).password;
    expect(password.length).toBeGreaterThanOrEqual(32);
    const right = new pg.Client({ connectionString: database.url });
    await right.connect();
    expect((await right.query('SELECT current_user AS user')).rows).toEqual([{ user: 'postgres' }]);
    await right.end();

    const refusal = async (url: string) => {
      const client = new pg.Client({ connectionString: url });
      client.on('error', () => undefined);
      return client.connect().then(
        () => client.end().then(() => null),
        (error: Error & { code?: string }) => error,
      );
    };
    const wrong = await refusal(withPassword(database.url, `${password}x`));
    expect(wrong).toMatchObject({ code: '28P01', message: 'password authentication failed for user "postgres"' });
    // pg itself will not start SCRAM without a password.
    expect(await refusal(withPassword(database.url, undefined))).toBeInstanceOf(Error);
  });

  it('runs nothing for a client that skips the authentication, and drops it', async () => {
    const { types, text } = await unauthenticatedExchange(database.url, [frontendMessage('Q', "SELECT 'reached the database' AS leak\0")]);
    // AuthenticationSASL, then a FATAL protocol error: no RowDescription, no DataRow, no ReadyForQuery.
    expect(types).toEqual(['R', 'E']);
    expect(text).toContain('SCRAM-SHA-256');
    expect(text).toContain('08P01');
    expect(text).not.toContain('reached the database');
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

import pg from 'pg';

/** The parts of a DATABASE_URL a message may show (never the password). */
function describe(url: string): { host: string; port: string; database: string; user: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('DATABASE_URL is not a URL: expected postgres://user:password@host:5432/database');
  }
  return {
    host: parsed.hostname || 'localhost',
    port: parsed.port || '5432',
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || decodeURIComponent(parsed.username) || 'postgres',
    user: decodeURIComponent(parsed.username) || 'postgres',
  };
}

const shellQuote = (text: string) => (/^[\w.-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`);

/** Why a first connection failed, as one line that says what to do. */
export function connectionProblem(url: string, error: unknown): string {
  const { host, port, database, user } = describe(url);
  const where = `the PostgreSQL server at ${host}:${port}`;
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  switch (code) {
    case '3D000':
      return (
        `DATABASE_URL names the database "${database}", which does not exist on ${where}. ` +
        `Create it: createdb -h ${host} -p ${port} -U ${shellQuote(user)} ${shellQuote(database)} ` +
        `(or in psql: CREATE DATABASE "${database.replace(/"/g, '""')}";), or unset DATABASE_URL to use the embedded database.`
      );
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
    case 'ETIMEDOUT':
      return `DATABASE_URL: no PostgreSQL server answers at ${host}:${port} (${code}). Start it, correct DATABASE_URL, or unset DATABASE_URL to use the embedded database.`;
    case '28P01':
    case '28000':
      return `DATABASE_URL: ${where} refused user "${user}": ${message}. Correct the user or password in DATABASE_URL.`;
    default:
      return `DATABASE_URL: cannot connect to ${where}: ${message ?? String(error)}`;
  }
}

/** Opens and closes one connection to `url`; throws an Error with connectionProblem()'s line when that fails. */
export async function probeDatabase(url: string, timeoutMs = 5000): Promise<void> {
  describe(url);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  // A failed connect also emits 'error' on some paths; the rejection below is what reports it.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    const message = /timeout/i.test(String((error as Error)?.message)) ? { code: 'ETIMEDOUT' } : error;
    throw new Error(connectionProblem(url, message), { cause: error });
  } finally {
    await client.end().catch(() => undefined);
  }
}

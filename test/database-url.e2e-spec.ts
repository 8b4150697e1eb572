import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectionProblem, probeDatabase } from '../src/database/database-probe.js';
import { ensureBuilt, startBuiltServer } from './support/built-server.js';

const ROOT = join(import.meta.dirname, '..');

/** `node dist/src/<script>` with `env`: its exit status, stderr and duration (asynchronously: the fake server below runs in this process). */
async function run(script: string, args: string[], env: Record<string, string>) {
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', script), ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 30_000,
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const status = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { status, stderr, ms: performance.now() - started };
}

/** A server that answers every PostgreSQL start-up with one ErrorResponse, as PostgreSQL does for a missing database. */
async function refusingServer(code: string, message: string): Promise<{ server: Server; port: number }> {
  const field = (type: string, value: string) => Buffer.concat([Buffer.from(type), Buffer.from(value), Buffer.from([0])]);
  const body = Buffer.concat([field('S', 'FATAL'), field('V', 'FATAL'), field('C', code), field('M', message), Buffer.from([0])]);
  const length = Buffer.alloc(4);
  length.writeInt32BE(body.length + 4);
  const errorResponse = Buffer.concat([Buffer.from('E'), length, body]);
  const server = createServer((socket) => socket.once('data', () => socket.end(errorResponse)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

describe('probeDatabase', () => {
  it('names a missing database and how to create it, in one line, at once', async () => {
    const { server, port } = await refusingServer('3D000', 'database "shop" does not exist');
    try {
      const started = performance.now();
      const failure = await probeDatabase(`postgres://alice:secret-pw@127.0.0.1:${port}/shop`).then(
        () => undefined,
        (error: Error) => error,
      );
      expect(performance.now() - started).toBeLessThan(3000);
      expect(failure?.message).toBe(
        `DATABASE_URL names the database "shop", which does not exist on the PostgreSQL server at 127.0.0.1:${port}. ` +
          `Create it: createdb -h 127.0.0.1 -p ${port} -U alice shop (or in psql: CREATE DATABASE "shop";), or unset DATABASE_URL to use the embedded database.`,
      );
      expect(failure?.message).not.toContain('secret-pw');
    } finally {
      server.close();
    }
  });

  it('says when nothing listens, and never shows the password', async () => {
    const failure = await probeDatabase('postgres://bob:hunter2@127.0.0.1:1/shop').then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failure?.message).toBe(
      'DATABASE_URL: no PostgreSQL server answers at 127.0.0.1:1 (ECONNREFUSED). Start it, correct DATABASE_URL, or unset DATABASE_URL to use the embedded database.',
    );
  });

  it('quotes names a shell would split, and reports refused logins and other failures plainly', () => {
    expect(connectionProblem('postgres://me@db.internal/my%20shop', { code: '3D000' })).toContain(
      "createdb -h db.internal -p 5432 -U me 'my shop' (or in psql: CREATE DATABASE \"my shop\";)",
    );
    expect(connectionProblem('postgres://me:pw@db.internal:6543/shop', { code: '28P01', message: 'password authentication failed for user "me"' })).toBe(
      'DATABASE_URL: the PostgreSQL server at db.internal:6543 refused user "me": password authentication failed for user "me". Correct the user or password in DATABASE_URL.',
    );
    expect(() => connectionProblem('not a url', {})).toThrow('DATABASE_URL is not a URL');
  });
});

describe('starting on a database that is not there', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('npm start and the CLI stop within seconds with the one line that says how to create it', async () => {
    const { server, port } = await refusingServer('3D000', 'database "shop" does not exist');
    try {
      const url = `postgres://postgres@127.0.0.1:${port}/shop`;
      for (const [script, args] of [['main.js', []], ['cli.js', ['migrate']]] as const) {
        const result = await run(script, [...args], { DATABASE_URL: url, PORT: '0' });
        expect(result.status, script).toBe(1);
        expect(result.ms, script).toBeLessThan(10_000);
        expect(result.stderr.trim().split('\n'), script).toEqual([expect.stringMatching(/^DATABASE_URL names the database "shop", which does not exist .* createdb -h 127\.0\.0\.1 -p \d+ -U postgres shop /)]);
      }
    } finally {
      server.close();
    }
  }, 60_000);
});

describe('a second start on a busy DATA_DIR', () => {
  it('names the running server by its HTTP address and offers another DATA_DIR', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'storedeal-busy-'));
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    // The embedded database, even in a run on a PostgreSQL server (an empty DATABASE_URL is unset).
    const embedded = { DATA_DIR: dataDir, DATABASE_URL: '' };
    const first = await startBuiltServer({ ...embedded, NODE_ENV: 'development', LOG_LEVEL: 'warn' }, port);
    try {
      const second = await run('main.js', [], { ...embedded, PORT: String(port + 1) });
      expect(second.status).toBe(1);
      expect(second.stderr.trim()).toBe(
        `DATA_DIR ${dataDir} is in use: the server at http://127.0.0.1:${port}/ (process ${first.pid}) has its embedded database open, and only one process may. ` +
          `Stop it, or use another directory, e.g. DATA_DIR=${dataDir}-2 npm start (or set DATABASE_URL to use a PostgreSQL server).`,
      );
    } finally {
      await first.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { validateEnvironment } from '../src/config/environment.js';
import { resolveJwtSecret } from '../src/config/jwt-secret.js';
import { embeddedUrl, startEmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { MailService } from '../src/mail/mail.service.js';
import { ensureBuilt } from './support/built-server.js';

const ROOT = join(import.meta.dirname, '..');
const modeOf = (path: string) => statSync(path).mode & 0o777;
const octal = (mode: number) => `0${mode.toString(8)}`;

/** Every file and directory under `dir`, with its mode (as 0700-style text, so a failure reads plainly). */
function tree(dir: string): Array<{ path: string; mode: string; directory: boolean }> {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).map((entry) => {
    const path = join(entry.parentPath, entry.name);
    return { path, mode: octal(modeOf(path)), directory: entry.isDirectory() };
  });
}

/** What group or others could read, write or enter. */
const reachableByOthers = (dir: string) => tree(dir).filter((entry) => (parseInt(entry.mode, 8) & 0o077) !== 0);

async function writeOutboxMail(dataDir: string): Promise<void> {
  const mail = new MailService(validateEnvironment({ NODE_ENV: 'development', DATA_DIR: dataDir }));
  await mail.send({ to: 'alice@example.com', subject: 'Password reset', text: 'token: 123-abc\n' });
  await mail.onModuleDestroy();
}

async function canQuery(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe('DATA_DIR is private to the user running the server', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'storedeal-private-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('creates DATA_DIR 0700, and leaves no file in it (database, secret, lock, outbox) readable or writable by others', async () => {
    // Not made by mkdtemp (which makes 0700 itself): the server creates it, under umask 022.
    const dataDir = join(root, 'data');
    const database = await startEmbeddedPostgres(dataDir);
    try {
      expect(octal(modeOf(dataDir))).toBe('0700');
      expect(octal(modeOf(join(dataDir, 'pglite')))).toBe('0700');
      expect(octal(modeOf(join(dataDir, 'pglite.lock')))).toBe('0600');
      // PGlite writes new files while it runs.
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      await client.query('CREATE TABLE notes (id integer PRIMARY KEY, body text)');
      await client.query("INSERT INTO notes SELECT n, repeat('x', 100) FROM generate_series(1, 2000) AS n");
      await client.end();
      resolveJwtSecret(validateEnvironment({ NODE_ENV: 'development', DATA_DIR: dataDir }));
      await writeOutboxMail(dataDir);
    } finally {
      await database.close();
    }

    const entries = tree(dataDir);
    // PGlite's own files are there (968 of them on a first start), so the walk below means something.
    expect(entries.filter((entry) => entry.path.startsWith(join(dataDir, 'pglite'))).length).toBeGreaterThan(900);
    expect(reachableByOthers(dataDir)).toEqual([]);
    expect(octal(modeOf(dataDir))).toBe('0700');
    expect(octal(modeOf(join(dataDir, 'jwt-secret')))).toBe('0600');
    const mails = readdirSync(join(dataDir, 'outbox'));
    expect(mails).toEqual([expect.stringMatching(/\.eml$/)]);
    expect(octal(modeOf(join(dataDir, 'outbox', mails[0])))).toBe('0600');
    expect(octal(modeOf(join(dataDir, 'outbox')))).toBe('0700');
  });

  it('takes others’ access away from a DATA_DIR an older version left open, at start', async () => {
    const dataDir = join(root, 'data');
    await (await startEmbeddedPostgres(dataDir)).close();
    mkdirSync(join(dataDir, 'outbox'));
    writeFileSync(join(dataDir, 'outbox', 'old.eml'), 'token: 123-abc\n');
    writeFileSync(join(dataDir, 'jwt-secret'), 'x'.repeat(96));
    // As older versions left it: directories 0755, PGlite's files 0666, the rest 0644.
    for (const entry of tree(dataDir)) chmodSync(entry.path, entry.directory ? 0o755 : entry.path.includes('pglite') ? 0o666 : 0o644);
    chmodSync(dataDir, 0o755);
    expect(reachableByOthers(dataDir).length).toBeGreaterThan(900);

    const database = await startEmbeddedPostgres(dataDir);
    try {
      expect(octal(modeOf(dataDir))).toBe('0700');
      expect(reachableByOthers(dataDir)).toEqual([]);
    } finally {
      await database.close();
    }
  });

  it('keeps the database socket’s password in the 0600 lock file, and the socket asks for it', async () => {
    const dataDir = join(root, 'data');
    const database = await startEmbeddedPostgres(dataDir);
    try {
      const lockFile = join(dataDir, 'pglite.lock');
      const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number; port: number; password: string };
      expect(octal(modeOf(lockFile))).toBe('0600');
      expect(lock).toMatchObject({ pid: process.pid, password: expect.stringMatching(/^[\w-]{32,}$/) });
      expect(database.url).toBe(embeddedUrl(lock.port, lock.password));
      expect(await canQuery(embeddedUrl(lock.port, lock.password))).toBe(true);
      expect(await canQuery(embeddedUrl(lock.port))).toBe(false);
      expect(await canQuery(embeddedUrl(lock.port, `${lock.password.slice(1)}x`))).toBe(false);

      // The announced HTTP address rewrites the lock: still 0600, same password.
      database.announceHttp('http://127.0.0.1:8000/');
      expect(octal(modeOf(lockFile))).toBe('0600');
      expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ password: lock.password, http: 'http://127.0.0.1:8000/' });
    } finally {
      await database.close();
    }
  });

  it('a new password at every start: the last one no longer opens the socket', async () => {
    const dataDir = join(root, 'data');
    const first = await startEmbeddedPostgres(dataDir);
    const firstPassword = new URL(first.url).password;
    await first.close();
    const second = await startEmbeddedPostgres(dataDir);
    try {
      const { port, password } = JSON.parse(readFileSync(join(dataDir, 'pglite.lock'), 'utf8')) as { port: number; password: string };
      expect(password).not.toBe(firstPassword);
      expect(await canQuery(embeddedUrl(port, firstPassword))).toBe(false);
    } finally {
      await second.close();
    }
  });

  describe('a CLI command while the database is open', () => {
    beforeAll(() => ensureBuilt(), 120_000);

    it('goes through the socket with the password from the lock file', async () => {
      const dataDir = join(root, 'data');
      // This process holds DATA_DIR, as a running server would; the CLI runs beside it.
      const database = await startEmbeddedPostgres(dataDir);
      try {
        const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(ROOT, 'dist', 'src', 'cli.js'), 'migrate'], {
          cwd: ROOT,
          env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'development', LOG_LEVEL: 'warn' },
          timeout: 60_000,
        });
        expect(stderr).toContain(`Using the embedded database of the running server (process ${process.pid}).`);
        expect(stdout).toContain('Applied ');
        const client = new pg.Client({ connectionString: database.url });
        await client.connect();
        const { rows } = await client.query<{ count: number }>('SELECT count(*)::int AS count FROM migrations');
        await client.end();
        expect(rows[0].count).toBeGreaterThan(0);
      } finally {
        await database.close();
      }
    }, 90_000);
  });
});

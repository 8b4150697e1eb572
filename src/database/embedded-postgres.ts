import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { ensurePrivateDir, tightenTree, writePrivateFile } from '../common/private-files.js';
import { PGliteWireServer } from './pglite-wire-server.js';

/** What a running embedded database writes into DATA_DIR so other processes can find it. */
interface LockInfo {
  pid: number;
  /** The database socket's port (CLI commands connect to it). */
  port: number;
  /** The socket's password, new at every start (absent in the lock of a version before it had one). */
  password?: string;
  /** Where the server that holds the database listens for HTTP, once it does. */
  http?: string;
}

export class DataDirInUseError extends Error {}

export interface EmbeddedPostgres {
  /** A postgres:// URL that `pg` (and so TypeORM) can connect to. */
  url: string;
  /** Records where this process serves HTTP, so a second start on the same DATA_DIR can say which server holds it. */
  announceHttp(url: string): void;
  close(): Promise<void>;
}

function lockPath(dataDir: string): string {
  return join(resolve(dataDir), 'pglite.lock');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The embedded database another live process is serving from `dataDir`, if any. */
export function findRunningEmbedded(dataDir: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(lockPath(dataDir), 'utf8')) as LockInfo;
    return info.pid !== process.pid && isAlive(info.pid) ? info : undefined;
  } catch {
    return undefined;
  }
}

/** The URL of the embedded database served on `port` (the password is URL-safe: base64url). */
export function embeddedUrl(port: number, password?: string): string {
  return `postgres://postgres${password ? `:${password}` : ''}@127.0.0.1:${port}/postgres`;
}

/**
 * Starts PGlite (a real PostgreSQL in WASM) and serves it over the wire protocol on an
 * ephemeral loopback port. `dataDir` undefined means in memory (tests).
 * Only one process may own a data directory: PGlite has no locking of its own, so a
 * lock file with our pid and port guards it, and tells other processes where to connect
 * and with which password (the socket asks every client for it; the lock is 0600).
 *
 * DATA_DIR is made 0700, so nothing in it is reachable by other users even while PGlite
 * writes its files 0666; those files are also made 0600 at start and at close.
 */
export async function startEmbeddedPostgres(dataDir?: string): Promise<EmbeddedPostgres> {
  let pgliteDir: string | undefined;
  if (dataDir) {
    const running = findRunningEmbedded(dataDir);
    if (running) {
      const holder = running.http ? `the server at ${running.http} (process ${running.pid})` : `process ${running.pid} (a CLI command, or a server still starting)`;
      throw new DataDirInUseError(
        `DATA_DIR ${dataDir} is in use: ${holder} has its embedded database open, and only one process may. ` +
          `Stop it, or use another directory, e.g. DATA_DIR=${dataDir.replace(/\/+$/, '')}-2 npm start (or set DATABASE_URL to use a PostgreSQL server).`,
      );
    }
    ensurePrivateDir(resolve(dataDir));
    pgliteDir = join(resolve(dataDir), 'pglite');
    ensurePrivateDir(pgliteDir);
  }

  const db = await PGlite.create({ dataDir: pgliteDir, extensions: { pg_trgm } });
  // What older versions left open, and the files PGlite has just created (0666 on a first start).
  if (dataDir) tightenTree(resolve(dataDir));
  const password = randomBytes(24).toString('base64url');
  // PGlite runs one query at a time whatever the pool size: connections take turns (see PGliteWireServer).
  const server = new PGliteWireServer(db, password);
  const port = await server.listen('127.0.0.1', 0);
  const writeLock = (info: LockInfo) => {
    if (dataDir) writePrivateFile(lockPath(dataDir), JSON.stringify(info));
  };
  writeLock({ pid: process.pid, port, password });

  let closed = false;
  return {
    url: embeddedUrl(port, password),
    announceHttp(http: string) {
      if (!closed) writeLock({ pid: process.pid, port, password, http });
    },
    async close() {
      if (closed) return;
      closed = true;
      await server.closeAll();
      await db.close();
      if (pgliteDir) tightenTree(pgliteDir);
      if (dataDir) rmSync(lockPath(dataDir), { force: true });
    },
  };
}

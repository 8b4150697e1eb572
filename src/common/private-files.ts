import { chmodSync, closeSync, fchmodSync, lstatSync, mkdirSync, openSync, readdirSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * DATA_DIR holds the embedded database (password hashes in its WAL), the development JWT
 * secret, the socket password and mails with reset links: only the user running the server
 * may reach any of it.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const SHARED_BITS = 0o077;

/** Creates `dir` (and missing parents) for this user only, and takes group and others' access away from an existing one. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/**
 * Takes group and others' access away from `dir` and everything under it (left by older
 * versions, or by PGlite, whose files are 0666); a missing `dir` is fine. Symbolic links are
 * left alone.
 */
export function tightenTree(dir: string): void {
  let mode: number;
  try {
    mode = lstatSync(dir).mode;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if ((mode & SHARED_BITS) !== 0) chmodSync(dir, PRIVATE_DIR_MODE);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) tightenTree(path);
    else if (entry.isFile() && (lstatSync(path).mode & SHARED_BITS) !== 0) chmodSync(path, PRIVATE_FILE_MODE);
  }
}

/** Writes `data` to `path` readable by this user only, an existing file included (its mode is fixed before anything is written). */
export function writePrivateFile(path: string, data: string): void {
  const fd = openSync(path, 'w', PRIVATE_FILE_MODE);
  try {
    fchmodSync(fd, PRIVATE_FILE_MODE);
    writeSync(fd, data);
  } finally {
    closeSync(fd);
  }
}

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensurePrivateDir, writePrivateFile } from '../common/private-files.js';
import { Environment } from './environment.js';

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code;

/**
 * JWT_SECRET when set; otherwise (development and tests only, production refuses to boot
 * without it) a random secret kept in DATA_DIR (0600, in a 0700 directory) so restarts
 * don't log everyone out.
 */
export function resolveJwtSecret(env: Environment): string {
  if (env.JWT_SECRET) return env.JWT_SECRET;
  if (env.NODE_ENV === 'test') return randomBytes(32).toString('hex');
  ensurePrivateDir(resolve(env.DATA_DIR));
  const file = join(resolve(env.DATA_DIR), 'jwt-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
  const secret = randomBytes(48).toString('hex');
  writePrivateFile(file, secret);
  return secret;
}

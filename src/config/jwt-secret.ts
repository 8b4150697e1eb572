import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Environment } from './environment.js';

/**
 * JWT_SECRET when set; otherwise (development and tests only, production refuses to boot
 * without it) a random secret kept in DATA_DIR so restarts don't log everyone out.
 */
export function resolveJwtSecret(env: Environment): string {
  if (env.JWT_SECRET) return env.JWT_SECRET;
  if (env.NODE_ENV === 'test') return randomBytes(32).toString('hex');
  const file = join(resolve(env.DATA_DIR), 'jwt-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(resolve(env.DATA_DIR), { recursive: true });
    const secret = randomBytes(48).toString('hex');
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

import { pbkdf2, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import argon2 from 'argon2';

const pbkdf2Async = promisify(pbkdf2);

/**
 * argon2id for every new hash (it runs on libuv's thread pool, off the event loop). Hashes
 * imported from the Django backend keep working: `pbkdf2_sha256$…` and Django's
 * `argon2$argon2id$…` are verified, and `needsRehash` tells the caller to upgrade them.
 */
export const PasswordHasher = {
  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  },

  async verify(password: string, encoded: string): Promise<boolean> {
    if (encoded.startsWith('pbkdf2_sha256$')) return verifyDjangoPbkdf2(password, encoded);
    const argonHash = encoded.startsWith('argon2$') ? encoded.slice('argon2'.length) : encoded;
    if (!argonHash.startsWith('$argon2')) return false;
    try {
      return await argon2.verify(argonHash, password);
    } catch {
      return false;
    }
  },

  needsRehash(encoded: string): boolean {
    return !encoded.startsWith('$argon2id$');
  },
};

async function verifyDjangoPbkdf2(password: string, encoded: string): Promise<boolean> {
  const [, iterationsText, salt, expected] = encoded.split('$');
  const iterations = Number(iterationsText);
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > 10_000_000 || !salt || !expected) return false;
  const expectedBytes = Buffer.from(expected, 'base64');
  const actual = await pbkdf2Async(password, salt, iterations, expectedBytes.length || 32, 'sha256');
  return actual.length === expectedBytes.length && timingSafeEqual(actual, expectedBytes);
}

import { createHash, pbkdf2, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import argon2 from 'argon2';
import bcrypt from 'bcryptjs';

const pbkdf2Async = promisify(pbkdf2);
const scryptAsync = promisify(scrypt) as (password: string, salt: string, length: number, options: object) => Promise<Buffer>;

type Verifier = (password: string, encoded: string) => Promise<boolean>;

/**
 * Every hasher a Django deployment may have used, keyed by Django's algorithm name (the text
 * before the first `$`). Formats follow django/contrib/auth/hashers.py.
 */
const DJANGO_VERIFIERS: Record<string, Verifier> = {
  pbkdf2_sha256: (password, encoded) => verifyPbkdf2(password, encoded, 'sha256'),
  pbkdf2_sha1: (password, encoded) => verifyPbkdf2(password, encoded, 'sha1'),
  argon2: (password, encoded) => verifyArgon2(password, encoded.slice('argon2'.length)),
  // bcrypt_sha256 feeds bcrypt the hex SHA-256 of the password, so bcrypt's 72-byte cut never bites.
  bcrypt_sha256: (password, encoded) =>
    verifyBcrypt(createHash('sha256').update(password, 'utf8').digest('hex'), encoded.slice('bcrypt_sha256$'.length)),
  bcrypt: (password, encoded) => verifyBcrypt(password, encoded.slice('bcrypt$'.length)),
  scrypt: verifyScrypt,
};

/**
 * argon2id for every new hash (it runs on libuv's thread pool, off the event loop). Hashes
 * imported from the Django backend keep working: each of Django's hashers above is verified,
 * and `needsRehash` tells the caller to upgrade them. Django's unusable passwords (`!…`) and
 * anything malformed never match.
 */
export const PasswordHasher = {
  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  },

  async verify(password: string, encoded: string): Promise<boolean> {
    if (encoded.startsWith('$argon2')) return verifyArgon2(password, encoded);
    const verifier = djangoVerifier(encoded);
    if (!verifier) return false;
    try {
      return await verifier(password, encoded);
    } catch {
      return false;
    }
  },

  needsRehash(encoded: string): boolean {
    return !encoded.startsWith('$argon2id$');
  },

  /** Whether `verify` understands this hash's format at all (false for `!…` and unknown algorithms). */
  canVerify(encoded: string): boolean {
    return encoded.startsWith('$argon2') || djangoVerifier(encoded) !== undefined;
  },
};

function djangoVerifier(encoded: string): Verifier | undefined {
  const algorithm = encoded.slice(0, Math.max(0, encoded.indexOf('$')));
  return Object.hasOwn(DJANGO_VERIFIERS, algorithm) ? DJANGO_VERIFIERS[algorithm] : undefined;
}

function sameBytes(actual: Buffer, expected: Buffer): boolean {
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** `pbkdf2_<digest>$<iterations>$<salt>$<base64 key>`; the key is as long as the digest. */
async function verifyPbkdf2(password: string, encoded: string, digest: 'sha256' | 'sha1'): Promise<boolean> {
  const parts = encoded.split('$');
  if (parts.length !== 4) return false;
  const [, iterationsText, salt, expected] = parts;
  const iterations = Number(iterationsText);
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > 10_000_000 || !salt || !expected) return false;
  const expectedBytes = Buffer.from(expected, 'base64');
  if (expectedBytes.length === 0) return false;
  return sameBytes(await pbkdf2Async(password, salt, iterations, expectedBytes.length, digest), expectedBytes);
}

/** A PHC `$argon2…` string (Django stores it after its `argon2` prefix). */
async function verifyArgon2(password: string, phc: string): Promise<boolean> {
  if (!phc.startsWith('$argon2')) return false;
  try {
    return await argon2.verify(phc, password);
  } catch {
    return false;
  }
}

/** A modular-crypt `$2b$<cost>$<salt and hash>` string. */
function verifyBcrypt(password: string, hash: string): Promise<boolean> {
  if (!/^\$2[abxy]\$\d{2}\$[./A-Za-z0-9]{53}$/.test(hash)) return Promise.resolve(false);
  return bcrypt.compare(password, hash);
}

// Bounds on the cost parameters a stored hash may ask for, so one row cannot make a login
// allocate gigabytes. Django's defaults are N = 2^14, r = 8 (16 MiB), p = 1 (5 in later releases).
const SCRYPT_MAX = { memory: 256 * 2 ** 20, p: 16 };

/** `scrypt$<n>$<salt>$<r>$<p>$<base64 key>`: note n comes before the salt. */
async function verifyScrypt(password: string, encoded: string): Promise<boolean> {
  const parts = encoded.split('$');
  if (parts.length !== 6) return false;
  const [, nText, salt, rText, pText, expected] = parts;
  const [n, r, p] = [nText, rText, pText].map((text) => (/^\d{1,8}$/.test(text) ? Number(text) : NaN));
  const powerOfTwo = n > 1 && (n & (n - 1)) === 0;
  if (!powerOfTwo || !(r >= 1 && 128 * n * r <= SCRYPT_MAX.memory) || !(p >= 1 && p <= SCRYPT_MAX.p) || !salt) return false;
  const expectedBytes = Buffer.from(expected, 'base64');
  if (expectedBytes.length === 0) return false;
  // scrypt needs 128·N·r bytes (plus 128·r·p); Node's default ceiling of 32 MiB is too low for larger N.
  const maxmem = 128 * r * (n + p) + 1024 * 1024;
  return sameBytes(await scryptAsync(password, salt, expectedBytes.length, { N: n, r, p, maxmem }), expectedBytes);
}

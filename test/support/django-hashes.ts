import { createHash, pbkdf2Sync, randomBytes, scryptSync } from 'node:crypto';
import argon2 from 'argon2';
import bcrypt from 'bcryptjs';

/**
 * Password hashes in the formats Django's hashers write (django/contrib/auth/hashers.py),
 * made here with independent code, at low cost so tests stay fast.
 */
export type DjangoHasher = 'pbkdf2_sha256' | 'pbkdf2_sha1' | 'argon2' | 'bcrypt_sha256' | 'bcrypt' | 'scrypt';

export const DJANGO_HASHERS: DjangoHasher[] = ['pbkdf2_sha256', 'pbkdf2_sha1', 'argon2', 'bcrypt_sha256', 'bcrypt', 'scrypt'];

const salt = () => randomBytes(12).toString('base64url').replace(/[-_]/g, 'x');

export async function djangoHash(hasher: DjangoHasher, password: string): Promise<string> {
  switch (hasher) {
    case 'pbkdf2_sha256':
    case 'pbkdf2_sha1': {
      const digest = hasher === 'pbkdf2_sha256' ? 'sha256' : 'sha1';
      const theSalt = salt();
      const key = pbkdf2Sync(password, theSalt, 1000, digest === 'sha256' ? 32 : 20, digest).toString('base64');
      return `${hasher}$1000$${theSalt}$${key}`;
    }
    case 'argon2':
      return `argon2${await argon2.hash(password, { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 })}`;
    case 'bcrypt_sha256':
      return `bcrypt_sha256$${bcrypt.hashSync(createHash('sha256').update(password).digest('hex'), 4)}`;
    case 'bcrypt':
      return `bcrypt$${bcrypt.hashSync(password, 4)}`;
    case 'scrypt': {
      const theSalt = salt();
      const key = scryptSync(password, theSalt, 64, { N: 1024, r: 8, p: 1 }).toString('base64');
      return `scrypt$1024$${theSalt}$8$1$${key}`;
    }
  }
}

/** Django's make_password(None): `!` and random characters, which no password matches. */
export function unusablePassword(): string {
  return `!${randomBytes(30).toString('base64url').slice(0, 40)}`;
}

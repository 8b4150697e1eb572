import { pbkdf2Sync } from 'node:crypto';
import { PasswordHasher } from './password-hasher.js';

function djangoHash(password: string, salt = 'seasalt', iterations = 1000): string {
  const hash = pbkdf2Sync(password, salt, iterations, 32, 'sha256').toString('base64');
  return `pbkdf2_sha256$${iterations}$${salt}$${hash}`;
}

describe('PasswordHasher', () => {
  it('hashes with argon2id and verifies', async () => {
    const hash = await PasswordHasher.hash('Velvet-Harbour-93');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await PasswordHasher.verify('Velvet-Harbour-93', hash)).toBe(true);
    expect(await PasswordHasher.verify('wrong', hash)).toBe(false);
    expect(PasswordHasher.needsRehash(hash)).toBe(false);
  });

  it("verifies Django's pbkdf2_sha256 hashes and asks for a rehash", async () => {
    const hash = djangoHash('old-django-pass');
    expect(await PasswordHasher.verify('old-django-pass', hash)).toBe(true);
    expect(await PasswordHasher.verify('other', hash)).toBe(false);
    expect(PasswordHasher.needsRehash(hash)).toBe(true);
  });

  it('refuses malformed hashes without throwing', async () => {
    expect(await PasswordHasher.verify('x', '')).toBe(false);
    expect(await PasswordHasher.verify('x', 'pbkdf2_sha256$abc$salt$hash')).toBe(false);
    expect(await PasswordHasher.verify('x', '!unusable')).toBe(false);
    expect(await PasswordHasher.verify('x', '$argon2id$garbage')).toBe(false);
  });
});

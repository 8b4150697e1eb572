import argon2 from 'argon2';
import { DJANGO_HASHERS, djangoHash, unusablePassword } from '../../test/support/django-hashes.js';
import { PasswordHasher } from './password-hasher.js';

// Hashes written by Django 3.2's own hashers (argon2-cffi, the bcrypt package, hashlib) and by
// CPython's hashlib.scrypt, so the checks do not only agree with the code that made the others.
const MADE_BY_DJANGO = [
  {
    password: 'Amber-Falcon-58',
    encoded: 'bcrypt_sha256$$2b$12$0.nn.iz8bTuXk77qGj.39O.3P0TtXlm0V1k2gWp473Z9dj7Nz4vHy',
  },
  {
    password: 'Silver-Orchard-12',
    encoded: 'argon2$argon2id$v=19$m=102400,t=2,p=8$aVM5VHcwQzJ5UVo1S084cHVFZ0ZCTA$Ul2uLdedfQCAtn9PTlqagw',
  },
  { password: 'Granite-River-30', encoded: 'pbkdf2_sha1$260000$t1u5E15c5JuVCItwX0E2oP$4M7Edhay0SerVx95L+9+B4uOX3U=' },
  {
    password: 'Tidal-Compass-27',
    encoded: 'scrypt$16384$Hn2tWq8ZkP0sLc4v$8$1$Iss1aUvpcRWHe7Z+qzg0B+QxaMVprZZkWjh6KlJO0WXVixIt5LX95pPYUOInXI05S4vAxkhvkmdfLMdMp2WktQ==',
  },
  {
    password: 'Tidal-Compass-27',
    encoded: 'scrypt$16384$Hn2tWq8ZkP0sLc4v$8$5$unnPkokVxBFBRoquHqVdDP8+bRT/z1iTSSHCcjISe4dYTK90w21QCiBE6/qW0ibX0S0ASCYZI5AujRhOBpPiGQ==',
  },
];

describe('PasswordHasher', () => {
  it('hashes with argon2id and verifies', async () => {
    const hash = await PasswordHasher.hash('Velvet-Harbour-93');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await PasswordHasher.verify('Velvet-Harbour-93', hash)).toBe(true);
    expect(await PasswordHasher.verify('wrong', hash)).toBe(false);
    expect(PasswordHasher.needsRehash(hash)).toBe(false);
  });

  it.each(DJANGO_HASHERS)("verifies Django's %s hashes and asks for a rehash", async (hasher) => {
    const hash = await djangoHash(hasher, 'old-django-pass');
    expect(hash.startsWith(`${hasher}$`)).toBe(true);
    expect(PasswordHasher.canVerify(hash)).toBe(true);
    expect(await PasswordHasher.verify('old-django-pass', hash)).toBe(true);
    expect(await PasswordHasher.verify('old-django-pasS', hash)).toBe(false);
    expect(await PasswordHasher.verify('', hash)).toBe(false);
    expect(PasswordHasher.needsRehash(hash)).toBe(true);
  });

  it.each(MADE_BY_DJANGO)('verifies $encoded as Django made it', async ({ password, encoded }) => {
    expect(await PasswordHasher.verify(password, encoded)).toBe(true);
    expect(await PasswordHasher.verify(`${password}!`, encoded)).toBe(false);
  });

  it('verifies non-ASCII passwords as UTF-8, as Django does', async () => {
    for (const hasher of DJANGO_HASHERS) {
      const hash = await djangoHash(hasher, 'zoë-Müller-ß-🎧');
      expect(await PasswordHasher.verify('zoë-Müller-ß-🎧', hash)).toBe(true);
      expect(await PasswordHasher.verify('zoe-Muller-ss-🎧', hash)).toBe(false);
    }
  });

  it("keeps bcrypt's 72-byte limit for plain bcrypt but not for bcrypt_sha256", async () => {
    const long = 'x'.repeat(72);
    const bcryptHash = await djangoHash('bcrypt', long);
    const sha256Hash = await djangoHash('bcrypt_sha256', long);
    expect(await PasswordHasher.verify(`${long}tail`, bcryptHash)).toBe(true);
    expect(await PasswordHasher.verify(`${long}tail`, sha256Hash)).toBe(false);
  });

  it("verifies Django's older argon2i hashes", async () => {
    const hash = `argon2${await argon2.hash('legacy', { type: argon2.argon2i, memoryCost: 1024, timeCost: 1, parallelism: 1 })}`;
    expect(await PasswordHasher.verify('legacy', hash)).toBe(true);
  });

  it('never lets a password in through an unusable password', async () => {
    const unusable = unusablePassword();
    expect(PasswordHasher.canVerify(unusable)).toBe(false);
    for (const password of ['', unusable, unusable.slice(1), '!']) {
      expect(await PasswordHasher.verify(password, unusable)).toBe(false);
    }
    expect(await PasswordHasher.verify('x', '!')).toBe(false);
  });

  it('refuses malformed and unknown hashes without throwing', async () => {
    const malformed = [
      '',
      'pbkdf2_sha256$abc$salt$hash',
      'pbkdf2_sha256$1000$salt$',
      'pbkdf2_sha1$1000$salt$hash$extra',
      '$argon2id$garbage',
      'argon2$argon2id$garbage',
      'bcrypt$$2b$12$short',
      'bcrypt_sha256$$2b$04$' + '!'.repeat(53),
      'scrypt$1000$salt$8$1$aGFzaA==',
      'scrypt$16384$salt$8$1$',
      'scrypt$1048576$salt$64$1$aGFzaA==',
      'md5$salt$5f4dcc3b5aa765d61d8327deb882cf99',
      'unsalted_md5$$5f4dcc3b5aa765d61d8327deb882cf99',
      'constructor$x',
      'plain-text-password',
    ];
    for (const encoded of malformed) {
      expect(await PasswordHasher.verify('x', encoded)).toBe(false);
      expect(await PasswordHasher.verify('plain-text-password', encoded)).toBe(false);
    }
    expect(PasswordHasher.canVerify('md5$salt$5f4dcc3b5aa765d61d8327deb882cf99')).toBe(false);
    expect(PasswordHasher.canVerify('constructor$x')).toBe(false);
  });
});

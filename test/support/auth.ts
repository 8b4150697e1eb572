import { createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, Repository } from 'typeorm';
import { AuthSecret } from '../../src/config/auth-secret.js';
import { User } from '../../src/users/entities/user.entity.js';
import { PasswordHasher } from '../../src/users/password-hasher.js';
import { TestApp, TestResponse } from './test-app.js';
import { STRONG_PASSWORD, uniqueName } from './users.js';

/**
 * Helpers for the auth and users e2e tests: JWT decoding and signing, the file outbox,
 * users written straight to the database, and Django password hashes.
 */

/** TestApp.start; kept for existing callers. */
export function startApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  return TestApp.start(overrides);
}

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

function base64urlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeJwt(token: string): DecodedJwt {
  const [header, payload] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')),
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')),
  };
}

/** An HS256 JWT signed with `secret`, built by hand (no library shared with the app). */
export function signJwt(payload: Record<string, unknown>, secret: string, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  const signingInput = `${base64urlJson(header)}.${base64urlJson(payload)}`;
  return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
}

/** A token with `alg: none` and no signature. */
export function unsignedJwt(payload: Record<string, unknown>): string {
  return `${base64urlJson({ alg: 'none', typ: 'JWT' })}.${base64urlJson(payload)}.`;
}

export function appSecret(app: TestApp): string {
  return app.app.get(AuthSecret).value;
}

/** simplejwt-shaped claims for a user, `lifetime` seconds from `iat` (negative: already expired). */
export function claimsFor(userId: number, tokenType: 'access' | 'refresh', options: { iat?: number; lifetime?: number } = {}) {
  const iat = options.iat ?? Math.floor(Date.now() / 1000);
  return {
    token_type: tokenType,
    exp: iat + (options.lifetime ?? 300),
    iat,
    jti: randomBytes(16).toString('hex'),
    user_id: userId,
  };
}

export interface Mail {
  file: string;
  to: string;
  subject: string;
  text: string;
  uid?: string;
  token?: string;
}

function parseMail(file: string, raw: string): Mail {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = head.replace(/\r?\n[ \t]+/g, ' ');
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(headers)?.[1]?.trim() ?? '';
  let text = rest.join('\n\n');
  if (/quoted-printable/i.test(header('Content-Transfer-Encoding'))) {
    // Soft line breaks go; =XX escapes are bytes of UTF-8.
    const escaped = text.replace(/=\r?\n/g, '');
    const bytes: number[] = [];
    for (let index = 0; index < escaped.length; index += 1) {
      const hex = escaped[index] === '=' ? /^[0-9A-F]{2}$/.exec(escaped.slice(index + 1, index + 3))?.[0] : undefined;
      if (hex) {
        bytes.push(parseInt(hex, 16));
        index += 2;
      } else {
        bytes.push(...Buffer.from(escaped[index], 'utf8'));
      }
    }
    text = Buffer.from(bytes).toString('utf8');
  } else if (/base64/i.test(header('Content-Transfer-Encoding'))) {
    text = Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  return {
    file,
    to: header('To'),
    subject: header('Subject'),
    text,
    uid: /^uid: (\S+)$/m.exec(text)?.[1],
    token: /^token: (\S+)$/m.exec(text)?.[1],
  };
}

/** Every mail written to `${app.dataDir}/outbox`, oldest first. */
export function outbox(app: TestApp): Mail[] {
  let files: string[];
  try {
    files = readdirSync(join(app.dataDir, 'outbox')).filter((name) => name.endsWith('.eml'));
  } catch {
    return [];
  }
  return files.sort().map((name) => parseMail(name, readFileSync(join(app.dataDir, 'outbox', name), 'utf8')));
}

export function mailsTo(app: TestApp, address: string): Mail[] {
  return outbox(app).filter((mail) => mail.to.toLowerCase().includes(address.toLowerCase()));
}

/** The newest mail to `address`; fails the test when there is none. */
export function lastMailTo(app: TestApp, address: string): Mail & { uid: string; token: string } {
  const mails = mailsTo(app, address);
  const mail = mails.at(-1);
  if (!mail?.uid || !mail.token) throw new Error(`no mail with uid and token to ${address} (outbox has ${outbox(app).length})`);
  return mail as Mail & { uid: string; token: string };
}

/** A unique address for a test (shared databases never see it twice). */
export function uniqueEmail(prefix = 'mail'): string {
  return `${prefix}.${randomBytes(5).toString('hex')}@example.com`;
}

/** Django's `pbkdf2_sha256$<iterations>$<salt>$<base64 key>`. */
export function djangoPbkdf2Hash(password: string, iterations = 260000, salt = randomBytes(9).toString('hex')): string {
  const key = pbkdf2Sync(password, salt, iterations, 32, 'sha256').toString('base64');
  return `pbkdf2_sha256$${iterations}$${salt}$${key}`;
}

export const NO_ACTIVE_ACCOUNT = { detail: 'No active account found with the given credentials' };
export const TOKEN_INVALID = { detail: 'Token is invalid or expired', code: 'token_not_valid' };
export const TOKEN_BLACKLISTED = { detail: 'Token is blacklisted', code: 'token_not_valid' };
export const NOT_AUTHENTICATED = { detail: 'Authentication credentials were not provided.' };

/** simplejwt's body for a bad access token on a protected endpoint. */
export function invalidAccessBody(message = 'Token is invalid or expired') {
  return {
    detail: 'Given token not valid for any token type',
    code: 'token_not_valid',
    messages: [{ token_class: 'AccessToken', token_type: 'access', message }],
  };
}

/** A response must never leak internals: no stack frames, no TypeORM error names, no SQL. */
export function expectNoLeak(response: TestResponse): void {
  const text = response.text;
  expect(text).not.toMatch(/QueryFailedError|EntityNotFound|TypeORM/i);
  expect(text).not.toMatch(/\n\s*at |\bat [\w.<>]+ \(|node_modules|\.ts:\d+|\.js:\d+/);
  expect(text).not.toMatch(/\b(SELECT|INSERT INTO|UPDATE|DELETE FROM)\b.*\b(FROM|SET|VALUES|WHERE)\b/);
  expect(text).not.toMatch(/duplicate key value|violates .* constraint|syntax error at or near|relation ".*"/i);
}

export function usersTable(app: TestApp): Repository<User> {
  return app.app.get(DataSource).getRepository(User);
}

export interface InsertedUser {
  id: number;
  username: string;
  password: string;
  email: string;
}

/**
 * A user written straight into the users table (no registration, so no rate limit is
 * touched): argon2id for `password` unless a ready-made `hash` (e.g. Django's) is given.
 */
export async function insertUser(
  app: TestApp,
  options: { username?: string; password?: string; hash?: string; email?: string; isActive?: boolean; isStaff?: boolean } = {},
): Promise<InsertedUser> {
  const username = options.username ?? uniqueName('db');
  const password = options.password ?? STRONG_PASSWORD;
  const saved = await usersTable(app).save(
    usersTable(app).create({
      username,
      email: options.email ?? '',
      password: options.hash ?? (await PasswordHasher.hash(password)),
      isActive: options.isActive ?? true,
      isStaff: options.isStaff ?? false,
    }),
  );
  return { id: saved.id, username, password, email: saved.email };
}

import { createHmac, KeyObject, timingSafeEqual } from 'node:crypto';

/**
 * HS256 JSON Web Tokens, as simplejwt makes them: `{"alg": "HS256", "typ": "JWT"}`, an HMAC
 * SHA-256 signature, `exp` required and checked to the second with no leeway, `nbf` when present,
 * and `iat` when present no later than ISSUED_AT_LEEWAY_SECONDS from now (PyJWT's check).
 * Written on node:crypto directly: on the hot path a library's option handling per verify
 * cost more than the HMAC itself.
 */

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
const MAX_TOKEN_LENGTH = 4096;

/**
 * How far in the future a token's `iat` may be (PyJWT refuses `iat > now + leeway`; simplejwt's
 * LEEWAY is 0). A few seconds absorb clock skew between instances: one whose clock runs ahead
 * signs tokens another would otherwise refuse for a while.
 */
export const ISSUED_AT_LEEWAY_SECONDS = 5;

function signature(key: KeyObject, signingInput: string): Buffer {
  return createHmac('sha256', key).update(signingInput).digest();
}

export function signJwt(payload: Record<string, unknown>, key: KeyObject): string {
  const signingInput = `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${signingInput}.${signature(key, signingInput).toString('base64url')}`;
}

function decodePart(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The payload of a token signed with `key` that has not expired; null for anything else. */
export function verifyJwt(token: string, key: KeyObject, nowSeconds = Date.now() / 1000): Record<string, unknown> | null {
  if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) return null;
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [headerPart, payloadPart, signaturePart] = parts;
  const header = decodePart(headerPart) as { alg?: unknown } | undefined;
  if (typeof header !== 'object' || header === null || header.alg !== 'HS256') return null;
  const expected = signature(key, `${headerPart}.${payloadPart}`);
  const given = Buffer.from(signaturePart, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const payload = decodePart(payloadPart);
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return null;
  const { exp, nbf, iat } = payload as { exp?: unknown; nbf?: unknown; iat?: unknown };
  if (typeof exp !== 'number' || exp <= nowSeconds) return null;
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > nowSeconds)) return null;
  if (iat !== undefined && (typeof iat !== 'number' || iat > nowSeconds + ISSUED_AT_LEEWAY_SECONDS)) return null;
  return payload as Record<string, unknown>;
}

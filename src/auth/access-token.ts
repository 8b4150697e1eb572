import type { FastifyRequest } from 'fastify';
import { BadAuthorizationHeader } from './auth.errors.js';

// simplejwt's AUTH_HEADER_TYPES as Djoser projects configure them: both prefixes work.
const AUTH_SCHEMES = new Set(['Bearer', 'JWT']);

/**
 * The access token from `Authorization: Bearer …` or `JWT …`; another scheme (or no header)
 * counts as no credentials. As simplejwt does, one of our schemes followed by anything but
 * exactly one token is refused with 401 `bad_authorization_header`.
 */
export function accessTokenFrom(request: Pick<FastifyRequest, 'headers'>): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const [scheme, ...rest] = header.trim().split(/\s+/);
  if (!AUTH_SCHEMES.has(scheme)) return null;
  if (rest.length !== 1) {
    throw new BadAuthorizationHeader();
  }
  return rest[0];
}

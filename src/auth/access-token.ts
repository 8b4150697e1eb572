import type { FastifyRequest } from 'fastify';

// simplejwt's AUTH_HEADER_TYPES as Djoser projects configure them: both prefixes work.
const AUTH_HEADER = /^(?:Bearer|JWT)\s+(\S+)\s*$/;

/** The access token from `Authorization: Bearer …` or `JWT …`; another scheme counts as none. */
export function accessTokenFrom(request: Pick<FastifyRequest, 'headers'>): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  return AUTH_HEADER.exec(header)?.[1] ?? null;
}

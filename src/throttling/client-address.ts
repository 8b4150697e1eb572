import type { FastifyRequest } from 'fastify';

/**
 * The caller's address. Fastify reads X-Forwarded-For only as far as TRUST_PROXY trusts it (a
 * hop count or the proxies' addresses), so a client cannot pick its own address.
 */
export function clientAddress(request: FastifyRequest): string {
  return request.ip || request.socket?.remoteAddress || 'unknown';
}

import type { FastifyRequest } from 'fastify';

/**
 * The caller's address. Fastify reads X-Forwarded-For only when started with trustProxy
 * (TRUST_PROXY=true), so a client cannot spoof it otherwise.
 */
export function clientAddress(request: FastifyRequest): string {
  return request.ip || request.socket?.remoteAddress || 'unknown';
}

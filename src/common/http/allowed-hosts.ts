import type { FastifyInstance, FastifyReply } from 'fastify';

// Django's host_validation_re: a domain or an IPv6 literal, then an optional port.
const HOST_PATTERN = /^([a-z0-9.-]+|\[[a-f0-9]*:[a-f0-9.:]+\])(:\d+)?$/;

/** Health checks answer whatever the Host: load balancers and orchestrators probe by address, and no link is built. */
const ANY_HOST_PREFIX = '/health/';

/** Django's split_domain_port: the domain (lower case, no trailing dot) of a valid Host, or null. */
function domainOf(host: string): string | null {
  const lower = host.toLowerCase();
  if (!HOST_PATTERN.test(lower)) return null;
  if (lower.endsWith(']')) return lower;
  const colon = lower.lastIndexOf(':');
  const domain = colon === -1 ? lower : lower.slice(0, colon);
  return domain.endsWith('.') ? domain.slice(0, -1) : domain;
}

/** Django's validate_host: `*`, an exact name, or `.example.com` for the domain and every subdomain. */
function isAllowed(domain: string, patterns: string[]): boolean {
  return patterns.some(
    (pattern) =>
      pattern === '*' || pattern === domain || (pattern.startsWith('.') && (domain.endsWith(pattern) || domain === pattern.slice(1))),
  );
}

export function allowedHostPatterns(setting: string): string[] {
  return setting
    .split(',')
    .map((pattern) => pattern.trim().toLowerCase())
    .filter(Boolean);
}

/**
 * Django's ALLOWED_HOSTS: a request whose Host (X-Forwarded-Host from a trusted proxy) is not
 * one of the server's own names is refused with 400 before anything reads it, so no `next`
 * link, and no cached response, ever names a host an attacker chose. A request without a Host
 * (HTTP/1.0) is refused the same way: there is no name to build links from.
 */
export function registerHostCheck(fastify: FastifyInstance, setting: string): void {
  const patterns = allowedHostPatterns(setting);
  const refuse = (reply: FastifyReply, detail: string) => reply.code(400).type('application/json; charset=utf-8').send({ detail });
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.url.startsWith(ANY_HOST_PREFIX)) return done();
    const host = request.host;
    if (!host) return refuse(reply, 'The request has no Host header.');
    const domain = domainOf(host);
    if (domain !== null && isAllowed(domain, patterns)) return done();
    const quoted = `'${host.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
    refuse(
      reply,
      domain === null
        ? `Invalid HTTP_HOST header: ${quoted}. The domain name provided is not valid according to RFC 1034/1035.`
        : `Invalid HTTP_HOST header: ${quoted}. You may need to add '${domain}' to ALLOWED_HOSTS.`,
    );
  });
}

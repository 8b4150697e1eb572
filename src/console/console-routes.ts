import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface ConsoleRoutesOptions {
  /** admin/dist: index.html and the hashed assets/ Vite wrote. */
  distDir: string;
}

export const CONSOLE_PREFIX = '/admin';
export const BUILD_COMMAND = 'npm --prefix admin run build';
/** Where index.html asks for the per-response nonce its style elements carry (see admin/src/styles.tsx). */
const NONCE_PLACEHOLDER = /__CSP_NONCE__/g;

/**
 * The console's own policy, stricter than the app-wide one (which lets Swagger UI run inline
 * scripts): scripts only from files of this origin, no eval. MUI writes its styles into
 * <style> elements at run time; they carry a nonce minted per index.html response instead of
 * allowing every inline style.
 */
export function consolePolicy(styleNonce?: string): string {
  const styles = styleNonce ? `'self' 'nonce-${styleNonce}'` : "'self'";
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src ${styles}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The header replaces the global helmet one, which was set on the raw response in onRequest. */
function withPolicy(reply: FastifyReply, policy: string): FastifyReply {
  reply.raw.removeHeader('content-security-policy');
  return reply.header('content-security-policy', policy);
}

const ASSETS = '/assets/';
const NOT_FOUND = { detail: 'Not found.' };

/**
 * Serves the staff console, registered with the prefix /admin: hashed assets under
 * /admin/assets/ (cacheable forever, gzip/brotli siblings written by the build), and
 * index.html for /admin/ and every other path below it, so the client-side router owns the
 * URLs. Plain Fastify routes: the Nest guards never see them, and the console reaches the
 * data only through the public API like any client.
 */
export async function consoleRoutes(fastify: FastifyInstance, options: ConsoleRoutesOptions): Promise<void> {
  const indexFile = join(options.distDir, 'index.html');

  // Only an asset that does not exist gets here (every other path is index.html).
  fastify.setNotFoundHandler((_request, reply) => withPolicy(reply, consolePolicy()).code(404).send(NOT_FOUND));

  await fastify.register(fastifyStatic, {
    root: join(options.distDir, 'assets'),
    prefix: ASSETS,
    decorateReply: false,
    // The build may happen after the server started (npm run build in another terminal).
    suppressWarning: true,
    preCompressed: true,
    index: false,
    redirect: false,
    immutable: true,
    maxAge: 31_536_000_000,
    setHeaders: (reply) => withPolicy(reply as unknown as FastifyReply, consolePolicy()),
  });

  const serveIndex = async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.url.startsWith(`${CONSOLE_PREFIX}${ASSETS}`)) return withPolicy(reply, consolePolicy()).code(404).send(NOT_FOUND);
    const html = await readFile(indexFile, 'utf8').catch(() => null);
    if (html === null) {
      return withPolicy(reply, consolePolicy())
        .code(503)
        .header('cache-control', 'no-store')
        .send({ detail: `The staff console is not built. Build it with: ${BUILD_COMMAND}` });
    }
    const nonce = randomBytes(16).toString('base64');
    // No validator (ETag, Last-Modified): a 304 would revive a page whose nonce no longer
    // matches the policy of the new response. The page is a few hundred bytes.
    return withPolicy(reply, consolePolicy(nonce))
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(html.replace(NONCE_PLACEHOLDER, nonce));
  };

  // With the prefix: /admin and /admin/ (one route, ignoreTrailingSlash), and below.
  fastify.get('/', serveIndex);
  fastify.get('/*', serveIndex);
}

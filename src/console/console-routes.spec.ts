import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { FastifyInstance } from 'fastify';
import { BUILD_COMMAND, CONSOLE_PREFIX, consoleRoutes } from './console-routes.js';

/** The console's routes on a bare Fastify, over a dist directory made here (or none). */
describe('consoleRoutes', () => {
  let distDir: string;
  let fastify: FastifyInstance;

  beforeEach(() => {
    distDir = join(mkdtempSync(join(tmpdir(), 'storedeal-console-')), 'dist');
    fastify = Fastify({ routerOptions: { ignoreTrailingSlash: true } });
    fastify.register(consoleRoutes, { prefix: CONSOLE_PREFIX, distDir });
  });

  afterEach(async () => {
    await fastify.close();
    rmSync(join(distDir, '..'), { recursive: true, force: true });
  });

  it('answers 503 naming the build command while admin/dist is missing', async () => {
    const response = await fastify.inject({ url: '/admin/' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ detail: `The staff console is not built. Build it with: ${BUILD_COMMAND}` });
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('serves a build made after start: index.html with a fresh nonce per response, assets for a year', async () => {
    mkdirSync(join(distDir, 'assets'), { recursive: true });
    writeFileSync(join(distDir, 'index.html'), '<meta name="csp-nonce" content="__CSP_NONCE__" /><script type="module" src="/admin/assets/app-1a2b.js"></script>');
    writeFileSync(join(distDir, 'assets', 'app-1a2b.js'), 'export {};');

    const [first, second] = [await fastify.inject({ url: '/admin/orders/3/show' }), await fastify.inject({ url: '/admin' })];
    for (const response of [first, second]) {
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-cache');
      const nonce = /'nonce-([^']+)'/.exec(String(response.headers['content-security-policy']))![1];
      expect(response.body).toContain(`content="${nonce}"`);
    }
    expect(first.headers['content-security-policy']).not.toBe(second.headers['content-security-policy']);

    const asset = await fastify.inject({ url: '/admin/assets/app-1a2b.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.body).toBe('export {};');
    expect((await fastify.inject({ url: '/admin/assets/gone-0000.js' })).statusCode).toBe(404);
    // Nothing outside assets/ through an encoded '..' (such a path gets index.html at most).
    writeFileSync(join(distDir, 'secret.txt'), 'not an asset');
    const escaped = await fastify.inject({ url: '/admin/assets/%2e%2e/secret.txt' });
    expect(escaped.body).not.toContain('not an asset');
  });
});

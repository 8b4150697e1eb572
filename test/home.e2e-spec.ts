import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestApp } from './support/test-app.js';

const VERSION = (JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
/** What Chromium and Firefox send for a page they navigate to. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

describe('GET / (what this server is)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ ALLOWED_HOSTS: 'shop.example.com,localhost' });
  });
  afterAll(async () => {
    await app.close();
  });

  const links = (base: string) => ({
    docs: `${base}/docs`,
    openapi: `${base}/docs/openapi.json`,
    health_live: `${base}/health/live`,
    health_ready: `${base}/health/ready`,
    admin: `${base}/admin/`,
  });

  it('answers JSON with the name, the version and absolute links, to anyone and by default', async () => {
    for (const headers of [{} as Record<string, string>, { accept: 'application/json' }, { accept: '*/*' }, { accept: 'application/json, text/html;q=0.5' }]) {
      const response = await app.get('/', { headers: { host: 'shop.example.com:8000', ...headers } });
      expect(response.status, JSON.stringify(headers)).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers.vary).toContain('Accept');
      expect(response.body).toEqual({
        name: 'Storedeal',
        version: VERSION,
        description: expect.stringContaining('Django REST Framework'),
        links: links('http://shop.example.com:8000'),
      });
    }
  });

  it('answers a browser with an HTML page linking the same places', async () => {
    const response = await app.get('/', { headers: { host: 'localhost:8000', accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.text).toContain(`<title>Storedeal ${VERSION}</title>`);
    for (const url of Object.values(links('http://localhost:8000'))) expect(response.text).toContain(`<a href="${url}">`);
    expect(response.text).not.toContain('<script');
  });

  it('is in the OpenAPI document as a public operation', async () => {
    const document = (await app.get('/docs/openapi.json')).body as {
      info: { version: string };
      paths: Record<string, Record<string, { operationId: string; security: unknown[]; tags: string[]; responses: Record<string, { content?: Record<string, unknown> }> }>>;
    };
    expect(document.info.version).toBe(VERSION);
    const operation = document.paths['/']?.get;
    expect(operation).toMatchObject({ operationId: 'home_index', security: [], tags: ['health'] });
    expect(Object.keys(operation.responses['200'].content ?? {}).sort()).toEqual(['application/json', 'text/html']);
  });
});

import { TestApp } from './support/test-app.js';

/** What Chromium sends for a page it navigates to. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

describe('API docs (Swagger UI at /docs)', () => {
  it('keeps no pasted token: Swagger UI is served with persistAuthorization off', async () => {
    const app = await TestApp.start();
    try {
      const init = await app.get('/docs/swagger-ui-init.js');
      expect(init.status).toBe(200);
      // The options Swagger UI starts with; persisted, an authorized token would go to localStorage.
      expect(init.text.match(/"persistAuthorization":\s*(\w+)/)?.[1]).toBe('false');
    } finally {
      await app.close();
    }
  });

  describe('API_DOCS=false', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await TestApp.start({ API_DOCS: 'false' });
    });
    afterAll(async () => {
      await app?.close();
    });

    it('answers /docs, its assets and the OpenAPI document 404', async () => {
      for (const path of ['/docs', '/docs/', '/docs/openapi.json', '/docs/openapi.yaml', '/docs/swagger-ui-init.js']) {
        const response = await app.get(path);
        expect(response.status, path).toBe(404);
        expect(response.text, path).not.toContain('Storedeal API');
      }
    });

    it('leaves the docs out of the home page, in JSON and in HTML', async () => {
      const json = await app.get('/');
      expect(json.status).toBe(200);
      expect(Object.keys(json.body.links).sort()).toEqual(['admin', 'health_live', 'health_ready']);

      const html = await app.get('/', { headers: { accept: BROWSER_ACCEPT } });
      expect(html.status).toBe(200);
      expect(html.text).toContain('/health/live');
      expect(html.text).not.toContain('/docs');
      expect(html.text).not.toContain('Swagger');
    });
  });
});

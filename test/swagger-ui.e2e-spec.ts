import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { createProduct } from './support/catalog.js';
import { CHROMIUM, runBrowserTests } from './support/browser.js';
import { TestApp } from './support/test-app.js';
import { createUser } from './support/users.js';

/**
 * Swagger UI in a real browser (Debian's Chromium, headless): the operations render, a token
 * from jwt/create/ goes into "Authorize", and "Try it out" → "Execute" on GET /cart/ gets 200
 * from the same origin under the app's Content-Security-Policy.
 */
/** Resolved to 127.0.0.1 by Chromium only (--host-resolver-rules); Node's fetch uses the loopback address. */
const DOCS_HOST = 'storedeal.test';
const SCREENSHOT = join(import.meta.dirname, '..', 'artifacts', 'swagger-ui.png');

describe.runIf(runBrowserTests('Swagger UI in Chromium (test/swagger-ui.e2e-spec.ts)'))('Swagger UI in Chromium', () => {
  let app: TestApp;
  /** The server as Node reaches it, and as the browser does. */
  let apiUrl: string;
  let docsOrigin: string;
  let profileDir: string;
  let context: BrowserContext | undefined;
  const problems: string[] = [];

  beforeAll(async () => {
    // The browser's host name beside the defaults (inject uses localhost, Node's fetch 127.0.0.1).
    app = await TestApp.start({ ALLOWED_HOSTS: `${DOCS_HOST},.localhost,127.0.0.1` });
    await app.app.listen({ port: 0, host: '127.0.0.1' });
    apiUrl = await app.app.getUrl();
    // A host name, not 127.0.0.1: browsers exempt loopback addresses from some CSP rules
    // (upgrade-insecure-requests), a real deployment's host name is not.
    docsOrigin = `http://${DOCS_HOST}:${new URL(apiUrl).port}`;
  });

  afterAll(async () => {
    await context?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
    await app?.close();
  });

  /** Headless Chromium with a fresh profile; fails (never skips) when it is not installed. */
  async function openBrowser(): Promise<Page> {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium is not installed at ${CHROMIUM}; this test needs it (CI installs it): apt-get update && apt-get install -y chromium, or set TEST_CHROMIUM_PATH`);
    }
    profileDir = mkdtempSync(join(tmpdir(), 'storedeal-chromium-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        `--host-resolver-rules=MAP ${DOCS_HOST} 127.0.0.1`,
      ],
      viewport: { width: 1280, height: 1000 },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    // CSP violations and script errors show up here; the page must have none. (Chromium's
    // notice that it ignores helmet's Cross-Origin-Opener-Policy on a plain-http origin is
    // not one: the header is meant for https deployments.)
    page.on('console', (message) => {
      if (message.type() !== 'error' || message.text().startsWith('The Cross-Origin-Opener-Policy header has been ignored')) return;
      problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    return page;
  }

  it('renders the operations, authorizes with a JWT and executes GET /cart/', async () => {
    const page = await openBrowser();

    // A shopper with one cart line, and an access token obtained over HTTP like a user would.
    const user = await createUser(app);
    const product = await createProduct(app, { price: '12.50' });
    expect((await app.post('/cart/', { product_id: product.id, quantity: 2 }, { token: user.access })).status).toBe(201);
    const login = await fetch(`${apiUrl}/auth/jwt/create/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: user.username, password: user.password }),
    });
    expect(login.status).toBe(200);
    const { access } = (await login.json()) as { access: string };

    await page.goto(`${docsOrigin}/docs`);
    await page
      .locator('.swagger-ui .info .title')
      .filter({ hasText: 'Storedeal API' })
      .waitFor({ timeout: 15_000 })
      .catch((error: Error) => {
        throw new Error(`Swagger UI did not render: ${error.message}\nIn the browser: ${problems.join('\n') || 'no errors'}`);
      });

    // Every operation of the document is rendered, grouped by tag.
    const document = (await (await fetch(`${apiUrl}/docs/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const operationCount = Object.values(document.paths).reduce((total, item) => total + Object.keys(item).length, 0);
    expect(operationCount).toBeGreaterThan(30);
    await expect.poll(() => page.locator('.opblock').count()).toBe(operationCount);
    for (const tag of ['auth', 'users', 'cart', 'health']) {
      await page.locator(`.opblock-tag[data-tag="${tag}"]`).waitFor();
    }
    const cartGet = page.locator('#operations-cart-cart_get');
    await expect.poll(() => cartGet.locator('.opblock-summary-path').innerText()).toBe('/cart/');

    // Authorize: the `jwt` bearer scheme takes the bare access token.
    await page.locator('.scheme-container button.authorize').click();
    const dialog = page.locator('.dialog-ux .modal-ux');
    await dialog.locator('input[type="text"], input[type="password"]').first().fill(access);
    await dialog.locator('.auth-btn-wrapper button.authorize').click();
    await dialog.locator('.auth-btn-wrapper button', { hasText: 'Logout' }).waitFor();
    await dialog.locator('button.btn-done').click();
    // The token lives in the page only: nothing in the browser's storage keeps it for later.
    // (Evaluated in the page, as text: this project's TypeScript has no DOM types.)
    const stored = String(await page.evaluate('JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } })'));
    expect(stored).not.toContain(access);

    // Try it out → Execute on GET /cart/.
    await cartGet.locator('.opblock-summary').click();
    await cartGet.locator('button.try-out__btn').click();
    await cartGet.locator('button.execute').click();
    const liveResponse = cartGet.locator('.live-responses-table tbody .response');
    await liveResponse.first().waitFor();
    expect((await liveResponse.locator('.response-col_status').first().innerText()).trim()).toBe('200');
    const body = await liveResponse.locator('.response-col_description pre').first().innerText();
    expect(JSON.parse(body)).toMatchObject({ total_quantity: 2, total_price: '25.00', items: [{ product: { id: product.id } }] });
    // The request Swagger UI sent carried the token (shown in its curl line).
    expect(await cartGet.locator('.curl-command').innerText()).toContain(`Authorization: Bearer ${access}`);

    // The screenshot shows the executed request and its 200 response.
    await cartGet.locator('.live-responses-table').scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, 250);
    mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    expect(problems).toEqual([]);
  }, 90_000);
});

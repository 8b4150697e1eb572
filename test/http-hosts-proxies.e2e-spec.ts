import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { TestApp } from './support/test-app.js';

interface RawAnswer {
  status: number;
  headers: Record<string, string | number | string[] | undefined>;
  body: any;
}

/** A request straight through Fastify's inject: Host errors are not part of each operation's documented answers. */
async function send(app: TestApp, url: string, headers: Record<string, string>, method = 'GET'): Promise<RawAnswer> {
  const response = await app.app.inject({ method: method as 'GET', url, headers });
  const body = response.body ? JSON.parse(response.body) : undefined;
  return { status: response.statusCode, headers: response.headers, body };
}

/** Writes `text` on a new connection and resolves with everything the server sent before closing it. */
function rawExchange(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('end', () => resolve(received));
    socket.on('error', reject);
    socket.write(text);
  });
}

async function listen(app: TestApp): Promise<number> {
  await app.app.listen({ port: 0, host: '127.0.0.1' });
  return (app.app.getHttpServer().address() as AddressInfo).port;
}

describe('ALLOWED_HOSTS (default: .localhost, 127.0.0.1, [::1])', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(async () => {
    await app.close();
  });

  it('refuses a Host it does not serve with Django\'s 400, before any link is built from it', async () => {
    const evil = await send(app, '/products/?page_size=1', { host: 'evil.example' });
    expect(evil.status).toBe(400);
    expect(evil.body).toEqual({ detail: "Invalid HTTP_HOST header: 'evil.example'. You may need to add 'evil.example' to ALLOWED_HOSTS." });
    expect(evil.headers['x-content-type-options']).toBe('nosniff');
    expect((await send(app, '/products/', { host: 'evil.example:8000' })).status).toBe(400);
    expect((await send(app, '/products/', { host: 'localhost.evil.example' })).status).toBe(400);
    expect((await send(app, '/products/', { host: 'evil.example' }, 'OPTIONS')).status).toBe(400);
    expect((await send(app, '/auth/jwt/create/', { host: 'evil.example' }, 'POST')).status).toBe(400);
    const malformed = await send(app, '/products/', { host: 'a b' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.detail).toBe("Invalid HTTP_HOST header: 'a b'. The domain name provided is not valid according to RFC 1034/1035.");
  });

  it('answers its own names, with links on the name the client used', async () => {
    for (const host of ['localhost', 'localhost:8000', 'shop.localhost:3000', '127.0.0.1:8000', '[::1]:8000', 'LOCALHOST.']) {
      expect((await send(app, '/products/', { host })).status, host).toBe(200);
    }
    const home = await send(app, '/', { host: 'localhost:8000', accept: 'application/json' });
    expect(home.body.links.docs).toBe('http://localhost:8000/docs');
  });

  it('answers health checks whatever the Host (load balancers probe by address)', async () => {
    expect((await send(app, '/health/live', { host: '10.1.2.3:8000' })).status).toBe(200);
  });

  it('answers a request without a Host (HTTP/1.0) with 400, not a 500', async () => {
    const port = await listen(app);
    const answer = await rawExchange(port, 'GET /products/?page_size=1 HTTP/1.0\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.[01] 400 /);
    expect(answer).toContain('{"detail":"The request has no Host header."}');
  });
});

describe('ALLOWED_HOSTS=.example.com,api.shop.test', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ ALLOWED_HOSTS: '.example.com, api.shop.test', TRUST_PROXY: '1' });
  });
  afterAll(async () => {
    await app.close();
  });

  it('takes a domain with its subdomains, and exact names', async () => {
    for (const host of ['example.com', 'www.example.com', 'api.shop.test:443']) expect((await send(app, '/products/', { host })).status, host).toBe(200);
    for (const host of ['localhost', 'example.com.evil.net', 'notexample.com', 'shop.test']) expect((await send(app, '/products/', { host })).status, host).toBe(400);
  });

  it('checks the X-Forwarded-Host a trusted proxy passes on, which the links then use', async () => {
    const forwarded = { host: 'internal:8000', 'x-forwarded-host': 'www.example.com', 'x-forwarded-proto': 'https' };
    const page = await send(app, '/products/?page_size=1', forwarded);
    expect(page.status).toBe(200);
    const evil = await send(app, '/products/?page_size=1', { ...forwarded, 'x-forwarded-host': 'evil.example' });
    expect(evil.status).toBe(400);
    const home = await send(app, '/', { ...forwarded, accept: 'application/json' });
    expect(home.body.links.docs).toBe('https://www.example.com/docs');
  });
});

describe('TRUST_PROXY', () => {
  // reset_password is limited per client address (SENSITIVE_RATE_LIMIT): which address the server
  // takes for the client decides when the third request is refused.
  const resetFrom = (app: TestApp, forwardedFor?: string) =>
    app.post('/auth/users/reset_password/', { email: 'nobody@example.com' }, { headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });

  async function withApp(settings: Record<string, string>, run: (app: TestApp) => Promise<void>): Promise<void> {
    const app = await TestApp.start({ SENSITIVE_RATE_LIMIT: '2', ...settings });
    try {
      await run(app);
    } finally {
      await app.close();
    }
  }

  it('with a hop count, takes the address the last proxy saw: a client cannot choose its own', async () => {
    for (const setting of ['1', 'true']) {
      await withApp({ TRUST_PROXY: setting }, async (app) => {
        expect((await resetFrom(app, '198.51.100.1, 203.0.113.9')).status).toBe(204);
        expect((await resetFrom(app, '198.51.100.2, 203.0.113.9')).status).toBe(204);
        // Another first entry, the same client behind the proxy: the same counter.
        expect((await resetFrom(app, '198.51.100.3, 203.0.113.9')).status).toBe(429);
        expect((await resetFrom(app, '203.0.113.10')).status).toBe(204);
      });
    }
  });

  it('with two hops, takes the address before the last two', async () => {
    await withApp({ TRUST_PROXY: '2' }, async (app) => {
      expect((await resetFrom(app, '198.51.100.1, 203.0.113.9, 10.0.0.5')).status).toBe(204);
      expect((await resetFrom(app, '198.51.100.2, 203.0.113.9, 10.0.0.6')).status).toBe(204);
      expect((await resetFrom(app, '203.0.113.9, 10.0.0.7')).status).toBe(429);
      expect((await resetFrom(app, '203.0.113.9, 203.0.113.50, 10.0.0.8')).status).toBe(204);
    });
  });

  it('with the proxies\' addresses, skips exactly those', async () => {
    await withApp({ TRUST_PROXY: 'loopback,10.0.0.0/8' }, async (app) => {
      expect((await resetFrom(app, '198.51.100.1, 203.0.113.9, 10.0.0.5')).status).toBe(204);
      expect((await resetFrom(app, '198.51.100.2, 203.0.113.9, 10.9.9.9')).status).toBe(204);
      expect((await resetFrom(app, '203.0.113.9')).status).toBe(429);
      // 10.1.2.3 is one of the proxies, 203.0.113.50 is not: it is the client.
      expect((await resetFrom(app, '203.0.113.9, 203.0.113.50, 10.1.2.3')).status).toBe(204);
    });
  });

  it('off (the default), ignores X-Forwarded-For', async () => {
    await withApp({}, async (app) => {
      expect((await resetFrom(app, '203.0.113.1')).status).toBe(204);
      expect((await resetFrom(app, '203.0.113.2')).status).toBe(204);
      expect((await resetFrom(app, '203.0.113.3')).status).toBe(429);
    });
  });

  it('refuses a setting it cannot read at start', async () => {
    await expect(TestApp.start({ TRUST_PROXY: 'perhaps' })).rejects.toThrow(/TRUST_PROXY="perhaps"/);
    await expect(TestApp.start({ TRUST_PROXY: '10.0.0.0/33' })).rejects.toThrow(/TRUST_PROXY/);
  });
});

describe('slow and idle clients (HTTP_TIMEOUT=2, MAX_CONNECTIONS=5)', () => {
  let app: TestApp;
  let port: number;
  beforeAll(async () => {
    app = await TestApp.start({ HTTP_TIMEOUT: '2', HTTP_KEEP_ALIVE_TIMEOUT: '2', MAX_CONNECTIONS: '5' });
    port = await listen(app);
  });
  afterAll(async () => {
    await app.close();
  });

  it('closes a connection that dribbles its headers once HTTP_TIMEOUT has passed', async () => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.write('GET /health/live HTTP/1.1\r\nHost: localhost\r\n');
    const dribble = setInterval(() => socket.writable && socket.write('X-Slow: 1\r\n'), 200);
    await new Promise<void>((resolve) => socket.on('close', () => resolve()));
    clearInterval(dribble);
    const seconds = (performance.now() - started) / 1000;
    // The timeout, plus up to the one-second check interval, plus scheduling slack; without a
    // timeout the server waited 60 s (Node's default) and then served the request.
    expect(seconds).toBeGreaterThanOrEqual(1.9);
    expect(seconds).toBeLessThan(6);
    expect(received).not.toContain('200 OK');
  });

  it('accepts MAX_CONNECTIONS connections and closes the ones beyond at once', async () => {
    const sockets = await Promise.all(
      Array.from({ length: 5 }, () => new Promise<ReturnType<typeof connect>>((resolve) => {
        const socket = connect(port, '127.0.0.1', () => resolve(socket));
      })),
    );
    const extra = await rawExchange(port, 'GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n').catch(() => '');
    expect(extra).toBe('');
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const served = await rawExchange(port, 'GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    expect(served).toMatch(/^HTTP\/1\.1 200 /);
  });
});

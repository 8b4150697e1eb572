import { randomUUID } from 'node:crypto';
import { HealthCheckService } from '@nestjs/terminus';
import { LogCapture, LogLine } from './support/log-capture.js';
import { RequestOptions, TestApp, TestResponse } from './support/test-app.js';
import { createUser, TestUser } from './support/users.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const REQUEST_LINE_KEYS = ['level', 'time', 'pid', 'hostname', 'reqId', 'method', 'path', 'status', 'ms', 'userId', 'err', 'msg'];
const INFO = 30;
const ERROR = 50;

describe('request logging', () => {
  const capture = new LogCapture();
  let app: TestApp;
  let user: TestUser;
  let linesAtStart: LogLine[];

  beforeAll(async () => {
    app = await TestApp.start({ LOG_LEVEL: 'info' }, { logDestination: capture });
    linesAtStart = [...capture.lines];
    user = await createUser(app);
  });
  afterAll(async () => {
    await app.close();
  });

  /** Sends a request with its own X-Request-Id and returns the response and the line(s) logged for it. */
  async function send(method: string, url: string, options: RequestOptions = {}): Promise<{ response: TestResponse; lines: LogLine[] }> {
    const id = `test-${randomUUID()}`;
    const response = await app.request(method, url, undefined, { ...options, headers: { 'x-request-id': id, ...options.headers } });
    await vi.waitFor(() => expect(capture.of(id)).not.toHaveLength(0));
    // Time for a second line to show up, if there were one.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(response.headers['x-request-id']).toBe(id);
    return { response, lines: capture.of(id) };
  }

  function expectRequestLine(lines: LogLine[], expected: LogLine): LogLine {
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({ level: INFO, msg: 'request completed', ...expected });
    expect(typeof line.ms).toBe('number');
    expect(line.ms).toBeGreaterThanOrEqual(0);
    for (const key of Object.keys(line)) expect(REQUEST_LINE_KEYS).toContain(key);
    return line;
  }

  it('logs nothing at info while starting (route mapping is debug chatter)', () => {
    expect(linesAtStart).toEqual([]);
  });

  it('writes one compact line for a 200, with the path but not the query string', async () => {
    const { response, lines } = await send('GET', '/health/live?token=secret-value');
    expect(response.status).toBe(200);
    const line = expectRequestLine(lines, { method: 'GET', path: '/health/live', status: 200 });
    expect(line).not.toHaveProperty('userId');
    expect(JSON.stringify(line)).not.toContain('secret-value');
  });

  it("adds the authenticated user's id", async () => {
    const { response, lines } = await send('GET', '/auth/users/me/', { token: user.access });
    expect(response.status).toBe(200);
    expectRequestLine(lines, { method: 'GET', path: '/auth/users/me/', status: 200, userId: user.id });
  });

  it('writes one line for a 401', async () => {
    const { response, lines } = await send('GET', '/auth/users/me/');
    expect(response.status).toBe(401);
    const line = expectRequestLine(lines, { method: 'GET', path: '/auth/users/me/', status: 401 });
    expect(line).not.toHaveProperty('userId');
  });

  it('writes one line for a 404 on an unknown path', async () => {
    const { response, lines } = await send('GET', '/nope/');
    expect(response.status).toBe(404);
    expectRequestLine(lines, { method: 'GET', path: '/nope/', status: 404 });
  });

  it('writes one line for a 405', async () => {
    const { response, lines } = await send('PATCH', '/auth/jwt/create/', { raw: '{}' });
    expect(response.status).toBe(405);
    expectRequestLine(lines, { method: 'PATCH', path: '/auth/jwt/create/', status: 405 });
  });

  it("writes one line for a URL Fastify's router rejects (400)", async () => {
    const { response, lines } = await send('GET', '/products/%E0%A4%A/');
    expect(response.status).toBe(400);
    expectRequestLine(lines, { method: 'GET', path: '/products/%E0%A4%A/', status: 400 });
  });

  it('puts the error and its stack on the line of a 500, and neither in the response', async () => {
    const health = app.app.get(HealthCheckService);
    const failure = new Error('health check exploded');
    const stub = vi.spyOn(health, 'check').mockRejectedValueOnce(failure);
    try {
      const { response, lines } = await send('GET', '/health/live');
      expect(response.status).toBe(500);
      expect(response.body).toEqual({ detail: 'A server error occurred.' });
      expect(response.text).not.toContain('exploded');
      expect(lines).toHaveLength(1);
      const [line] = lines;
      expect(line).toMatchObject({ level: ERROR, msg: 'request failed', method: 'GET', path: '/health/live', status: 500 });
      expect(line.err).toMatchObject({ type: 'Error', message: 'health check exploded' });
      expect(line.err.stack).toContain(failure.stack!.split('\n')[1].trim());
    } finally {
      stub.mockRestore();
    }
  });

  it('echoes a sane X-Request-Id and replaces a missing or odd one with a UUID', async () => {
    const sane = 'edge-7f3a_2024.01:05';
    const echoed = await app.get('/health/live', { headers: { 'x-request-id': sane } });
    expect(echoed.headers['x-request-id']).toBe(sane);

    const odd: Record<string, string>[] = [{}, { 'x-request-id': 'x'.repeat(200) }, { 'x-request-id': 'id with spaces"<>' }, { 'x-request-id': '' }];
    for (const headers of odd) {
      const response = await app.get('/health/live', { headers });
      const id = String(response.headers['x-request-id']);
      expect(id).toMatch(UUID);
      await vi.waitFor(() => expect(capture.of(id)).toHaveLength(1));
    }
    expect(capture.lines.some((line) => String(line.reqId).includes('x'.repeat(129)))).toBe(false);
  });

  it('writes exactly one line per request and nothing else', async () => {
    const before = capture.lines.length;
    const responses = [
      await app.get('/health/live'),
      await app.get('/auth/users/me/', { token: user.access }),
      await app.get('/cart/'),
      await app.get('/nope'),
      await app.delete('/auth/users/'),
    ];
    expect(responses.map((response) => response.status)).toEqual([200, 200, 401, 404, 405]);
    const ids = responses.map((response) => String(response.headers['x-request-id']));
    await vi.waitFor(() => expect(capture.lines.length - before).toBeGreaterThanOrEqual(ids.length));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(capture.lines.slice(before).map((line) => line.reqId)).toEqual(ids);
  });
});

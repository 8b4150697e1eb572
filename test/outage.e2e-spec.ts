import { TestApp } from './support/test-app.js';
import { TcpProxy } from './support/tcp-proxy.js';
import { createUser, TestUser } from './support/users.js';

const UNAVAILABLE = { detail: 'Service temporarily unavailable.' };

async function eventually<T>(attempt: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('database outage', () => {
  let app: TestApp;
  let proxy: TcpProxy;
  let user: TestUser;

  beforeAll(async () => {
    app = await TestApp.start(
      {},
      {
        connectThrough: async (url) => {
          const proxied = await TcpProxy.forUrl(url);
          proxy = proxied.proxy;
          return proxied.url;
        },
      },
    );
    user = await createUser(app);
  });

  afterAll(async () => {
    await proxy.up();
    await app.close();
  });

  it('answers 503 while the database is gone and recovers by itself when it returns', async () => {
    expect((await app.get('/health/ready')).status).toBe(200);

    await proxy.down();

    const me = await app.get('/auth/users/me/', { token: user.access });
    expect(me.status).toBe(503);
    expect(me.body).toEqual(UNAVAILABLE);
    const login = await app.post('/auth/jwt/create/', { username: user.username, password: user.password });
    expect(login.status).toBe(503);
    expect(login.body).toEqual(UNAVAILABLE);
    const register = await app.post('/auth/users/', { username: 'outage_user', password: 'Velvet-Harbour-93', re_password: 'Velvet-Harbour-93' });
    expect(register.status).toBe(503);
    const ready = await app.get('/health/ready');
    expect(ready.status).toBe(503);
    expect((await app.get('/health/live')).status).toBe(200);

    await proxy.up();

    const recovered = await eventually(
      () => app.get('/auth/users/me/', { token: user.access }),
      (response) => response.status === 200,
    );
    expect(recovered.status).toBe(200);
    expect(recovered.body.username).toBe(user.username);
    expect((await app.get('/health/ready')).status).toBe(200);
  });
});

import { TestApp } from './support/test-app.js';
import { createUser } from './support/users.js';

describe('smoke', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(async () => {
    await app.close();
  });

  it('boots, registers and reads me', async () => {
    const live = await app.get('/health/live');
    expect(live.status).toBe(200);
    const ready = await app.get('/health/ready');
    expect(ready.status).toBe(200);
    const user = await createUser(app);
    const me = await app.get('/auth/users/me/', { token: user.access });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ email: '', id: user.id, username: user.username });
  });
});

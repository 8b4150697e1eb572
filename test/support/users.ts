import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { User } from '../../src/users/entities/user.entity.js';
import { TestApp } from './test-app.js';

export const STRONG_PASSWORD = 'Velvet-Harbour-93';

/** A username no other test (or earlier run on a shared database) has used. */
export function uniqueName(prefix = 'user'): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

export interface TestUser {
  id: number;
  username: string;
  password: string;
  access: string;
  refresh: string;
}

/** Registers through the API, optionally promotes to staff in the database, and logs in. */
export async function createUser(app: TestApp, options: { staff?: boolean; email?: string } = {}): Promise<TestUser> {
  const username = uniqueName(options.staff ? 'staff' : 'user');
  const password = STRONG_PASSWORD;
  const registered = await app.post('/auth/users/', { username, password, re_password: password, email: options.email });
  if (registered.status !== 201) throw new Error(`register failed: ${registered.status} ${registered.text}`);
  if (options.staff) {
    await app.app.get(DataSource).getRepository(User).update({ id: registered.body.id }, { isStaff: true });
  }
  const login = await app.post('/auth/jwt/create/', { username, password });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${login.text}`);
  return { id: registered.body.id, username, password, access: login.body.access, refresh: login.body.refresh };
}

import { DataSource } from 'typeorm';
import { TokenService } from '../../src/tokens/token.service.js';
import { PasswordHasher } from '../../src/users/password-hasher.js';
import { insertUser, usersTable } from './auth.js';
import { TestApp, TestResponse } from './test-app.js';

/** A customer for order tests: written to the database, with real tokens from the app's TokenService (no argon2 per user). */
export interface Shopper {
  id: number;
  username: string;
  email: string;
  access: string;
}

let sharedHash: Promise<string> | undefined;

export async function createShopper(app: TestApp, options: { staff?: boolean; email?: string } = {}): Promise<Shopper> {
  // One argon2 hash serves every shopper: the tests here log in through tokens, not passwords.
  sharedHash ??= PasswordHasher.hash('unused-password-1');
  const user = await insertUser(app, { hash: await sharedHash, email: options.email ?? `${Date.now()}.${Math.random()}@example.com` });
  if (options.staff) await usersTable(app).update({ id: user.id }, { isStaff: true });
  return { id: user.id, username: user.username, email: user.email, access: app.app.get(TokenService).accessFor(user.id) };
}

export const ADDRESS = {
  full_name: 'Alice Liddell',
  line1: '1 Rabbit Hole',
  line2: '',
  city: 'Oxford',
  postal_code: 'OX1 1AA',
  country: 'GB',
  phone: '',
};

export async function addToCart(app: TestApp, shopper: Shopper, productId: number, quantity: number): Promise<void> {
  const response = await app.post('/cart/', { product_id: productId, quantity }, { token: shopper.access });
  if (response.status !== 201 && response.status !== 200) throw new Error(`cart add failed: ${response.status} ${response.text}`);
}

export function checkout(app: TestApp, shopper: Shopper, options: { key?: string; address?: unknown } = {}): Promise<TestResponse> {
  return app.post(
    '/orders/',
    { shipping_address: options.address ?? ADDRESS },
    { token: shopper.access, headers: options.key ? { 'idempotency-key': options.key } : {} },
  );
}

export async function stockOf(app: TestApp, productId: number): Promise<number> {
  const [row] = await app.app.get(DataSource).query<Array<{ stock: number }>>('SELECT stock FROM products WHERE id = $1', [productId]);
  return row.stock;
}

export async function countOrdersOf(app: TestApp, userId: number): Promise<number> {
  const [row] = await app.app
    .get(DataSource)
    .query<Array<{ count: number }>>('SELECT count(*)::integer AS count FROM orders WHERE user_id = $1', [userId]);
  return row.count;
}

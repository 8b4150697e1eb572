import { DataSource } from 'typeorm';
import { importDjangoCommand } from '../src/cli/import-django.command.js';
import { importDjango } from '../src/django-import/django-importer.js';
import type { DjangoTable } from '../src/django-import/django-rows.js';
import { formatReport, ImportReport } from '../src/django-import/import-report.js';
import { ImportConflictError } from '../src/django-import/import-writer.js';
import { openDjangoSource } from '../src/django-import/open-django-source.js';
import { createDjangoDatabase, DjangoDatabase, DjangoEngine, DjangoFixture } from './support/django-database.js';
import { DjangoHasher, djangoHash, unusablePassword } from './support/django-hashes.js';
import { decodeJwt } from './support/auth.js';
import { TestApp } from './support/test-app.js';
import { STRONG_PASSWORD } from './support/users.js';

/** One active account per Django hasher, at ids with gaps between them, as real deployments have. */
const HASHER_USERS: Array<{ id: number; username: string; hasher: DjangoHasher; password: string }> = [
  { id: 1, username: 'admin', hasher: 'pbkdf2_sha256', password: 'Velvet-Harbour-93' },
  { id: 2, username: 'alice', hasher: 'pbkdf2_sha1', password: 'Copper-Lantern-41' },
  { id: 3, username: 'carol', hasher: 'argon2', password: 'Amber-Falcon-58' },
  { id: 5, username: 'dave', hasher: 'bcrypt_sha256', password: 'Silver-Orchard-12' },
  { id: 8, username: 'erin', hasher: 'bcrypt', password: 'Granite-River-30' },
  { id: 13, username: 'zoë.müller+shop@x', hasher: 'scrypt', password: 'Paper-Kite-66' },
];
// The tests try wrong passwords on purpose; the login throttle must not lock the right ones out.
const MANY_LOGIN_FAILURES = { LOGIN_FAILURE_LIMIT: '1000' };
const BOB = { id: 21, username: 'bob', password: 'Quiet-Meadow-77' };

async function djangoFixture(): Promise<DjangoFixture> {
  const hashed = await Promise.all(HASHER_USERS.map(async (user) => ({ ...user, password: await djangoHash(user.hasher, user.password) })));
  return {
    users: [
      ...hashed.map(({ id, username, password }) => ({ id, username, password })),
      { id: 34, username: 'nopass', password: unusablePassword() },
      { id: BOB.id, username: BOB.username, password: await djangoHash('pbkdf2_sha256', BOB.password), isActive: false },
      { id: 40, username: 'legacy', password: 'md5$salt$5f4dcc3b5aa765d61d8327deb882cf99' },
    ].map((user) => ({
      ...user,
      email: { 5: 'Dave@Example.COM', 8: '' }[user.id] ?? `${user.username.split('@')[0]}@example.com`,
      isStaff: user.id === 1,
      isSuperuser: user.id === 1,
      firstName: user.id === 2 ? 'Alice' : '',
      lastName: user.id === 2 ? 'Liddell' : '',
      lastLogin: user.id === 2 ? '2026-11-30 07:25:52.151321' : null,
      dateJoined: `2026-11-${10 + (user.id % 20)} 07:25:51.49370${user.id % 10}`,
    })),
    categories: [
      { id: 1, name: 'Phones' },
      { id: 2, name: 'phones' },
      { id: 3, name: 'Laptops' },
      { id: 7, name: 'Audio' },
      { id: 9, name: 'PHONES' },
    ],
    products: [
      { id: 10, name: 'iPhone 12', price: '699.000', stock: 12, categoryId: 1 },
      { id: 11, name: 'Pixel 8', price: '599.990', stock: 0, categoryId: 1 },
      { id: 12, name: 'Nokia 3310', price: '19.999', stock: 40, categoryId: 2 },
      { id: 13, name: 'MacBook Air', price: '999.500', stock: 3, categoryId: 3 },
      { id: 14, name: 'ThinkPad X1', price: '1449.005', stock: 5, categoryId: 3 },
      { id: 15, name: 'USB-C cable', price: '0.005', stock: 1000, categoryId: 7 },
      { id: 16, name: 'Studio headphones 🎧', price: '149.000', stock: 7, categoryId: 7 },
      { id: 17, name: 'Vintage turntable', price: '9999999.999', stock: 1, categoryId: 7 },
      { id: 18, name: 'x'.repeat(255), price: '1.000', stock: 2, categoryId: 9 },
      // Doubles just below the half: read through a float, these would round down.
      { id: 20, name: 'Kettle', price: '1.115', stock: 9, categoryId: 7 },
      { id: 21, name: 'Toaster', price: '2.675', stock: 9, categoryId: 7 },
    ],
    cartItems: [
      { id: 1, userId: 2, productId: 10, quantity: 2 },
      { id: 2, userId: 2, productId: 12, quantity: 1 },
      { id: 3, userId: 2, productId: 13, quantity: 5 },
      { id: 4, userId: 3, productId: 11, quantity: 1 },
      { id: 5, userId: 3, productId: 15, quantity: 0 },
      { id: 6, userId: 5, productId: 15, quantity: 1500 },
      { id: 7, userId: 5, productId: 10, quantity: 1 },
      { id: 8, userId: 5, productId: 10, quantity: 2 },
      { id: 9, userId: BOB.id, productId: 16, quantity: 1 },
      { id: 10, userId: 8, productId: 16, quantity: 600 },
      { id: 11, userId: 8, productId: 16, quantity: 700 },
    ],
  };
}

/** What each product must answer at its old URL. */
const EXPECTED_PRODUCTS = [
  { id: 10, name: 'iPhone 12', price: '699.00', stock: 12, category: 1 },
  { id: 11, name: 'Pixel 8', price: '599.99', stock: 0, category: 1 },
  { id: 12, name: 'Nokia 3310', price: '20.00', stock: 40, category: 1 },
  { id: 13, name: 'MacBook Air', price: '999.50', stock: 3, category: 3 },
  { id: 14, name: 'ThinkPad X1', price: '1449.01', stock: 5, category: 3 },
  { id: 15, name: 'USB-C cable', price: '0.01', stock: 1000, category: 7 },
  { id: 16, name: 'Studio headphones 🎧', price: '149.00', stock: 7, category: 7 },
  { id: 17, name: 'Vintage turntable', price: '10000000.00', stock: 1, category: 7 },
  { id: 18, name: 'x'.repeat(255), price: '1.00', stock: 2, category: 1 },
  { id: 20, name: 'Kettle', price: '1.12', stock: 9, category: 7 },
  { id: 21, name: 'Toaster', price: '2.68', stock: 9, category: 7 },
];

/** Each active user's cart as GET /cart/ lists it: [product id, quantity]. */
const EXPECTED_CARTS: Record<string, Array<[number, number]>> = {
  admin: [],
  alice: [
    [10, 2],
    [12, 1],
    [13, 5],
  ],
  carol: [[11, 1]],
  dave: [
    [15, 1000],
    [10, 3],
  ],
  erin: [[16, 1000]],
  'zoë.müller+shop@x': [],
};

function databaseUrl(app: TestApp): string {
  return (app.app.get(DataSource).options as { url: string }).url;
}

async function runImport(app: TestApp, django: DjangoDatabase, dryRun = false): Promise<ImportReport> {
  const source = await openDjangoSource(django.location);
  try {
    return await importDjango(source, app.app.get(DataSource), { dryRun, progress: () => undefined });
  } finally {
    await source.close();
  }
}

function counts(report: ImportReport) {
  return Object.fromEntries(report.tables.map(({ table, read, written, unchanged, changed, dropped }) => [table, { read, written, unchanged, changed, dropped }]));
}

function rules(report: ImportReport, table: DjangoTable) {
  return report.notes.filter((note) => note.table === table).map((note) => `${note.kind} ${note.rule} ${note.id}`);
}

/** Every row of the imported tables, to compare a database before and after. */
async function snapshot(app: TestApp) {
  const query = (sql: string) => app.app.get(DataSource).query(sql);
  return {
    users: await query('SELECT id, username, email, first_name, last_name, password, is_active, is_staff, is_superuser, date_joined, last_login FROM users ORDER BY id'),
    categories: await query('SELECT id, name FROM categories ORDER BY id'),
    products: await query('SELECT id, name, price, stock, category_id FROM products ORDER BY id'),
    cartItems: await query('SELECT id, user_id, product_id, quantity, created_at FROM cart_items ORDER BY id'),
    recorded: await query('SELECT django_table, chunk, django_ids, fingerprints, imported_at FROM django_import_rows ORDER BY 1, 2'),
  };
}

async function login(app: TestApp, username: string, password: string) {
  return app.post('/auth/jwt/create/', { username, password });
}

describe.each<DjangoEngine>(['sqlite', 'postgres'])('import-django from %s', (engine) => {
  let django: DjangoDatabase;
  let app: TestApp;
  let dryRun: ImportReport;
  let imported: ImportReport;

  beforeAll(async () => {
    django = await createDjangoDatabase(engine, await djangoFixture());
    app = await TestApp.start(MANY_LOGIN_FAILURES, { freshDatabase: true });
    dryRun = await runImport(app, django, true);
    imported = await runImport(app, django);
  });

  afterAll(async () => {
    await app?.close();
    await django?.close();
  });

  it('reports read, written, changed and dropped rows per table', () => {
    expect(counts(imported)).toEqual({
      auth_user: { read: 9, written: 9, unchanged: 0, changed: 0, dropped: 0 },
      product_category: { read: 5, written: 3, unchanged: 0, changed: 0, dropped: 2 },
      product_product: { read: 11, written: 11, unchanged: 0, changed: 7, dropped: 0 },
      carts_cartitem: { read: 11, written: 8, unchanged: 0, changed: 3, dropped: 3 },
    });
    expect(rules(imported, 'auth_user')).toEqual(['kept unusable-password 34', 'kept unverifiable-password 40']);
    expect(rules(imported, 'product_category')).toEqual(['dropped category-merged 2', 'dropped category-merged 9']);
    expect(rules(imported, 'product_product').sort()).toEqual(
      [
        'changed product-category-moved 12',
        'changed price-rounded 12',
        'changed price-rounded 14',
        'changed price-rounded 15',
        'changed price-rounded 17',
        'changed product-category-moved 18',
        'changed price-rounded 20',
        'changed price-rounded 21',
      ].sort(),
    );
    expect(rules(imported, 'carts_cartitem').sort()).toEqual(
      [
        'kept cart-above-stock 3',
        'kept cart-above-stock 4',
        'dropped cart-quantity-zero 5',
        'changed cart-quantity-capped 6',
        'dropped cart-lines-merged 8',
        'changed cart-lines-merged 7',
        'dropped cart-lines-merged 11',
        'changed cart-lines-merged 10',
        'changed cart-quantity-capped 10',
        'kept cart-above-stock 10',
      ].sort(),
    );
    expect(imported.tables.every((table) => table.seconds > 0)).toBe(true);
    const text = formatReport(imported);
    expect(text).toMatch(/^table\s+read\s+written\s+unchanged\s+changed\s+dropped\s+seconds\s+rows\/s$/m);
    expect(text).toMatch(/^product_product → products\s+11\s+11\s+0\s+7\s+0\s/m);
    expect(text).toContain('product 12 "Nokia 3310": price 19.999 → 20.00 (rounded half-up to cents)');
    expect(text).toContain('product 20 "Kettle": price 1.115 → 1.12 (rounded half-up to cents)');
    expect(text).not.toContain('Nothing changed');
  });

  it('a dry run reported the same and wrote nothing', async () => {
    expect(dryRun.dryRun).toBe(true);
    expect(counts(dryRun)).toEqual(counts(imported));
    expect(dryRun.notes).toEqual(imported.notes);
    expect(formatReport(dryRun)).toContain('nothing was written');
  });

  it('logs in every hasher’s user with the old password, keeps the Django id in the token, and rehashes', async () => {
    for (const user of HASHER_USERS) {
      const first = await login(app, user.username, user.password);
      expect(first.status, `${user.hasher} user ${user.username}`).toBe(200);
      expect(decodeJwt(first.body.access).payload.user_id).toBe(user.id);
      expect((await login(app, user.username, `${user.password}x`)).status).toBe(401);
      const [{ password }] = await app.app.get(DataSource).query('SELECT password FROM users WHERE id = $1', [user.id]);
      expect(password.startsWith('$argon2id$')).toBe(true);
      expect((await login(app, user.username, user.password)).status).toBe(200);
    }
  });

  it('lets no password into an unusable account, an inactive one, or one with a hash it cannot verify', async () => {
    for (const password of ['', 'anything', STRONG_PASSWORD]) expect([400, 401]).toContain((await login(app, 'nopass', password)).status);
    expect((await login(app, BOB.username, BOB.password)).status).toBe(401);
    expect((await login(app, 'legacy', 'password')).status).toBe(401);
  });

  it('keeps the account fields as Django had them', async () => {
    const rows = await app.app.get(DataSource).query(
      `SELECT id, username, email, first_name, last_name, is_active, is_staff, is_superuser,
              to_char(date_joined AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS date_joined,
              to_char(last_login AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS last_login
       FROM users WHERE id IN (1, 2, 5, 8, 21) ORDER BY id`,
    );
    expect(rows).toEqual([
      { id: 1, username: 'admin', email: 'admin@example.com', first_name: '', last_name: '', is_active: true, is_staff: true, is_superuser: true, date_joined: '2026-11-11 07:25:51.493701', last_login: null },
      { id: 2, username: 'alice', email: 'alice@example.com', first_name: 'Alice', last_name: 'Liddell', is_active: true, is_staff: false, is_superuser: false, date_joined: '2026-11-12 07:25:51.493702', last_login: '2026-11-30 07:25:52.151321' },
      { id: 5, username: 'dave', email: 'Dave@Example.COM', first_name: '', last_name: '', is_active: true, is_staff: false, is_superuser: false, date_joined: '2026-11-15 07:25:51.493705', last_login: null },
      { id: 8, username: 'erin', email: '', first_name: '', last_name: '', is_active: true, is_staff: false, is_superuser: false, date_joined: '2026-11-18 07:25:51.493708', last_login: null },
      { id: 21, username: 'bob', email: 'bob@example.com', first_name: '', last_name: '', is_active: false, is_staff: false, is_superuser: false, date_joined: '2026-11-11 07:25:51.493701', last_login: null },
    ]);
    const dave = await login(app, 'dave', 'Silver-Orchard-12');
    expect((await app.get('/auth/users/me/', { token: dave.body.access })).body).toEqual({ id: 5, username: 'dave', email: 'Dave@Example.COM' });
  });

  it('answers every product at its old URL, with prices in cents and merged categories', async () => {
    for (const product of EXPECTED_PRODUCTS) {
      const response = await app.get(`/products/${product.id}/`);
      expect(response.status, `product ${product.id}`).toBe(200);
      expect(response.body).toEqual(product);
    }
    expect((await app.get('/categories/1/')).body).toEqual({ id: 1, name: 'Phones' });
    expect((await app.get('/categories/2/')).status).toBe(404);
    expect((await app.get('/categories/9/')).status).toBe(404);
    expect((await app.get('/products/?category=1&page_size=100')).body.count).toBe(4);
  });

  it("shows each user's cart: zero lines dropped, duplicates merged, quantities capped, lines above stock kept", async () => {
    for (const user of HASHER_USERS) {
      const { body } = await login(app, user.username, user.password);
      const cart = await app.get('/cart/', { token: body.access });
      expect(cart.status).toBe(200);
      expect(cart.body.items.map((item: any) => [item.product.id, item.quantity]), user.username).toEqual(EXPECTED_CARTS[user.username]);
    }
    const { body } = await login(app, 'alice', 'Copper-Lantern-41');
    const macbook = (await app.get('/cart/', { token: body.access })).body.items.find((item: any) => item.product.id === 13);
    expect(macbook).toMatchObject({ quantity: 5, product: { stock: 3 }, total_price: '4997.50' });
    const bobsCart = await app.app.get(DataSource).query('SELECT product_id, quantity FROM cart_items WHERE user_id = $1', [BOB.id]);
    expect(bobsCart).toEqual([{ product_id: 16, quantity: 1 }]);
  });

  it('moves the id sequences past the imported ids', async () => {
    const registered = await app.post('/auth/users/', { username: `after_${engine}`, password: STRONG_PASSWORD, re_password: STRONG_PASSWORD });
    expect(registered.status).toBe(201);
    expect(registered.body.id).toBe(41);
    const { body } = await login(app, 'admin', 'Velvet-Harbour-93');
    const category = await app.post('/categories/', { name: `Cameras ${engine}` }, { token: body.access });
    expect(category.body.id).toBe(10);
    const product = await app.post('/products/', { name: 'Lens', price: '10.00', stock: 1, category: 10 }, { token: body.access });
    expect(product.body.id).toBe(22);
  });

  it('changes nothing when run again, and says so (logins since re-hashed passwords: they stay)', async () => {
    const before = await snapshot(app);
    const again = await runImport(app, django);
    expect(again.tables.map((table) => table.written)).toEqual([0, 0, 0, 0]);
    expect(again.tables.map((table) => table.unchanged)).toEqual([9, 3, 11, 8]);
    expect(formatReport(again)).toContain('Nothing changed: Storedeal already holds this data.');
    expect(await snapshot(app)).toEqual(before);

    const printed: string[] = [];
    await importDjangoCommand(databaseUrl(app), { source: django.location, dryRun: false }, (line) => printed.push(line), () => undefined);
    expect(printed.join('\n')).toContain('Nothing changed: Storedeal already holds this data.');
    expect(await snapshot(app)).toEqual(before);
  });
});

describe('import-django after Django changed', () => {
  let django: DjangoDatabase;
  let app: TestApp;

  beforeAll(async () => {
    django = await createDjangoDatabase('sqlite', await djangoFixture());
    app = await TestApp.start(MANY_LOGIN_FAILURES, { freshDatabase: true });
    await runImport(app, django);
  });

  afterAll(async () => {
    await app?.close();
    await django?.close();
  });

  it("writes only what Django changed, keeps Storedeal's changes to rows Django did not touch, and lists rows Django lost", async () => {
    const alice = await login(app, 'alice', 'Copper-Lantern-41');
    expect((await app.patch('/cart/items/1/', { quantity: 1 }, { token: alice.body.access })).status).toBe(200);
    await django.execute(`
      UPDATE product_product SET price = '899.000' WHERE id = 13;
      INSERT INTO product_product (id, name, price, stock_quantity, category_id) VALUES (30, 'Tripod', '35.125', 4, 2);
      UPDATE carts_cartitem SET quantity = 4 WHERE id = 4;
      DELETE FROM carts_cartitem WHERE id = 9;
      UPDATE auth_user SET email = 'erin@example.org' WHERE id = 8;`);

    const report = await runImport(app, django);

    expect(report.tables.map(({ table, written }) => [table, written])).toEqual([
      ['auth_user', 1],
      ['product_category', 0],
      ['product_product', 2],
      ['carts_cartitem', 1],
    ]);
    expect((await app.get('/products/13/')).body.price).toBe('899.00');
    expect((await app.get('/products/30/')).body).toEqual({ id: 30, name: 'Tripod', price: '35.13', stock: 4, category: 1 });
    const aliceCart = await app.get('/cart/', { token: alice.body.access });
    expect(aliceCart.body.items.map((item: any) => [item.product.id, item.quantity])).toEqual([
      [10, 1],
      [12, 1],
      [13, 5],
    ]);
    const [{ password }] = await app.app.get(DataSource).query('SELECT password FROM users WHERE id = 2');
    expect(password.startsWith('$argon2id$')).toBe(true);
    expect(report.notes.filter((note) => note.rule === 'gone-from-django').map((note) => `${note.table} ${note.id}`)).toEqual(['carts_cartitem 9']);
    const carol = await login(app, 'carol', 'Amber-Falcon-58');
    expect((await app.get('/cart/', { token: carol.body.access })).body.items.map((item: any) => item.quantity)).toEqual([4]);

    // The partial update kept what the first import recorded: a third run is a no-op again.
    const third = await runImport(app, django);
    expect(third.tables.map((table) => table.written)).toEqual([0, 0, 0, 0]);
    expect(third.tables.map((table) => table.unchanged)).toEqual([9, 3, 12, 7]);
  });
});

describe('import-django into a Storedeal that already has rows of its own', () => {
  let django: DjangoDatabase;
  let app: TestApp;

  beforeAll(async () => {
    django = await createDjangoDatabase('sqlite', await djangoFixture());
    app = await TestApp.start(MANY_LOGIN_FAILURES, { freshDatabase: true });
  });

  afterAll(async () => {
    await app?.close();
    await django?.close();
  });

  it('refuses before writing anything, naming each conflict', async () => {
    const registered = await app.post('/auth/users/', { username: 'root', password: STRONG_PASSWORD, re_password: STRONG_PASSWORD });
    expect(registered.body.id).toBe(1);
    await app.post('/auth/users/', { username: 'x', password: STRONG_PASSWORD, re_password: STRONG_PASSWORD });
    await app.app.get(DataSource).query(`UPDATE users SET username = 'carol', id = 90 WHERE username = 'x'`);
    await app.app.get(DataSource).query(`INSERT INTO categories (id, name) VALUES (50, 'LAPTOPS')`);
    const before = await snapshot(app);

    const failure = await runImport(app, django).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ImportConflictError);
    const message = (failure as Error).message;
    expect(message).toContain(`users: id 1 is "root" in Storedeal; Django's user 1 is "admin"`);
    expect(message).toContain(`users: username "carol" belongs to Storedeal user 90; Django's user 3 has it`);
    expect(message).toContain(`categories: name "LAPTOPS" belongs to Storedeal category 50; Django's category 3 has it`);
    expect(message).toContain('Nothing was written.');
    expect(await snapshot(app)).toEqual(before);

    await expect(
      importDjangoCommand(databaseUrl(app), { source: django.location, dryRun: true }, () => undefined, () => undefined),
    ).rejects.toThrow(/id 1 is "root" in Storedeal/);
  });
});

describe('import-django that fails half-way', () => {
  let django: DjangoDatabase;
  let app: TestApp;

  beforeAll(async () => {
    django = await createDjangoDatabase('sqlite', await djangoFixture());
    app = await TestApp.start(MANY_LOGIN_FAILURES, { freshDatabase: true });
  });

  afterAll(async () => {
    await app?.close();
    await django?.close();
  });

  it('leaves the target as it was, sequences included', async () => {
    const query = (sql: string) => app.app.get(DataSource).query(sql);
    // The last table's writes fail after users, categories and products went in.
    await query(`CREATE FUNCTION refuse_cart_lines() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full (simulated)'; END $$`);
    await query('CREATE TRIGGER refuse_cart_lines BEFORE INSERT ON cart_items FOR EACH ROW EXECUTE FUNCTION refuse_cart_lines()');
    const sequences = `SELECT pg_sequence_last_value('users_id_seq') AS users, pg_sequence_last_value('products_id_seq') AS products`;
    const before = { rows: await snapshot(app), sequences: await query(sequences) };

    await expect(
      importDjangoCommand(databaseUrl(app), { source: django.location, dryRun: false }, () => undefined, () => undefined),
    ).rejects.toThrow(/rolled back; Storedeal's database is as it was\. disk full \(simulated\)/);

    expect({ rows: await snapshot(app), sequences: await query(sequences) }).toEqual(before);
    expect(before.rows.users).toEqual([]);
  });
});

describe('import-django of a large catalogue', () => {
  const PRODUCTS = 12_000;
  let django: DjangoDatabase;
  let app: TestApp;

  beforeAll(async () => {
    const fixture = await djangoFixture();
    fixture.products = Array.from({ length: PRODUCTS }, (_, index) => ({
      id: index + 1,
      name: `${['Compact', 'Rugged', 'Smart'][index % 3]} kettle ${index + 1}`,
      price: `${index % 1000}.${String(index % 1000).padStart(3, '0')}`,
      stock: index % 50,
      categoryId: [1, 3, 7][index % 3],
    }));
    fixture.cartItems = [{ id: 1, userId: 2, productId: PRODUCTS, quantity: 1 }];
    django = await createDjangoDatabase('sqlite', fixture);
    app = await TestApp.start(MANY_LOGIN_FAILURES, { freshDatabase: true });
  });

  afterAll(async () => {
    await app?.close();
    await django?.close();
  });

  it('loads around the indexes and rebuilds every one of them', async () => {
    const indexes = "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'products' ORDER BY indexname";
    const before = await app.app.get(DataSource).query(indexes);
    expect(before.length).toBeGreaterThan(5);

    const report = await runImport(app, django);

    expect(report.tables.find((table) => table.table === 'product_product')).toMatchObject({ read: PRODUCTS, written: PRODUCTS, dropped: 0 });
    expect(await app.app.get(DataSource).query(indexes)).toEqual(before);
    const rugged = { id: 11999, name: 'Rugged kettle 11999', price: '999.00', stock: 48, category: 3 };
    expect((await app.get('/products/11999/')).body).toEqual(rugged);
    expect((await app.get('/products/?search=RUGGED%20KETTLE%2011999')).body.results).toEqual([rugged]);
    expect((await app.get('/products/?category=7&page_size=1')).body.count).toBe(PRODUCTS / 3);
    expect((await app.get(`/products/${PRODUCTS}/`)).body).toMatchObject({ id: PRODUCTS, price: '1000.00' });
    expect((await runImport(app, django)).tables.map((table) => table.written)).toEqual([0, 0, 0, 0]);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import initSqlJs from 'sql.js';
import { loadEnvironment } from '../../src/config/config.js';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { createFreshDatabase } from './fresh-database.js';

/**
 * Databases shaped as the Django Storedeal's migrations make them (Django 3.2: apps `auth`,
 * `product`, `carts`), on SQLite and on PostgreSQL, filled with rows a test chooses.
 */
export interface DjangoFixture {
  users: Array<{
    id: number;
    username: string;
    password: string;
    email?: string;
    firstName?: string;
    lastName?: string;
    isActive?: boolean;
    isStaff?: boolean;
    isSuperuser?: boolean;
    dateJoined?: string;
    lastLogin?: string | null;
  }>;
  categories: Array<{ id: number; name: string }>;
  /** `price` as Django writes a DecimalField(max_digits=10, decimal_places=3): "19.999". */
  products: Array<{ id: number; name: string; price: string; stock: number; categoryId: number }>;
  cartItems: Array<{ id: number; userId: number; productId: number; quantity: number }>;
}

export type DjangoEngine = 'sqlite' | 'postgres';

export interface DjangoDatabase {
  /** What `import-django` takes: the file's path or a postgres:// URL. */
  location: string;
  /** Runs SQL on the Django database (both engines understand the statements tests use). */
  execute(sql: string): Promise<void>;
  close(): Promise<void>;
}

// Django 3.2's SQLite DDL, as `sqlmigrate` prints it (AutoField ids, DecimalField as "decimal").
const SQLITE_SCHEMA = `
  CREATE TABLE "auth_user" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "password" varchar(128) NOT NULL, "last_login" datetime NULL, "is_superuser" bool NOT NULL, "username" varchar(150) NOT NULL UNIQUE, "last_name" varchar(150) NOT NULL, "email" varchar(254) NOT NULL, "is_staff" bool NOT NULL, "is_active" bool NOT NULL, "date_joined" datetime NOT NULL, "first_name" varchar(150) NOT NULL);
  CREATE TABLE "product_category" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(255) NOT NULL UNIQUE);
  CREATE TABLE "product_product" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(255) NOT NULL, "price" decimal NOT NULL, "stock_quantity" integer unsigned NOT NULL CHECK ("stock_quantity" >= 0), "category_id" bigint NOT NULL REFERENCES "product_category" ("id") DEFERRABLE INITIALLY DEFERRED);
  CREATE INDEX "product_product_category_id_0c725779" ON "product_product" ("category_id");
  CREATE TABLE "carts_cartitem" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "quantity" integer unsigned NOT NULL CHECK ("quantity" >= 0), "product_id" bigint NOT NULL REFERENCES "product_product" ("id") DEFERRABLE INITIALLY DEFERRED, "user_id" integer NOT NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED);
  CREATE INDEX "carts_cartitem_product_id_acd010e4" ON "carts_cartitem" ("product_id");
  CREATE INDEX "carts_cartitem_user_id_4d21e0d9" ON "carts_cartitem" ("user_id");`;

// The same on PostgreSQL (BigAutoField for the Storedeal apps, numeric(10,3) prices).
const POSTGRES_SCHEMA = `
  CREATE TABLE auth_user (id serial PRIMARY KEY, password varchar(128) NOT NULL, last_login timestamptz NULL, is_superuser boolean NOT NULL, username varchar(150) NOT NULL UNIQUE, first_name varchar(150) NOT NULL, last_name varchar(150) NOT NULL, email varchar(254) NOT NULL, is_staff boolean NOT NULL, is_active boolean NOT NULL, date_joined timestamptz NOT NULL);
  CREATE TABLE product_category (id bigserial PRIMARY KEY, name varchar(255) NOT NULL UNIQUE);
  CREATE TABLE product_product (id bigserial PRIMARY KEY, name varchar(255) NOT NULL, price numeric(10,3) NOT NULL, stock_quantity integer NOT NULL CHECK (stock_quantity >= 0), category_id bigint NOT NULL REFERENCES product_category (id) DEFERRABLE INITIALLY DEFERRED);
  CREATE INDEX product_product_category_id_0c725779 ON product_product (category_id);
  CREATE TABLE carts_cartitem (id bigserial PRIMARY KEY, quantity integer NOT NULL CHECK (quantity >= 0), product_id bigint NOT NULL REFERENCES product_product (id) DEFERRABLE INITIALLY DEFERRED, user_id integer NOT NULL REFERENCES auth_user (id) DEFERRABLE INITIALLY DEFERRED);
  CREATE INDEX carts_cartitem_product_id_acd010e4 ON carts_cartitem (product_id);
  CREATE INDEX carts_cartitem_user_id_4d21e0d9 ON carts_cartitem (user_id);`;

type Value = string | number | boolean | null;

/** Each row as [table, columns, values], the way Django's INSERTs list them. */
function inserts(fixture: DjangoFixture): Array<[string, string[], Value[]]> {
  const rows: Array<[string, string[], Value[]]> = [];
  for (const user of fixture.users) {
    rows.push([
      'auth_user',
      ['id', 'password', 'last_login', 'is_superuser', 'username', 'first_name', 'last_name', 'email', 'is_staff', 'is_active', 'date_joined'],
      [
        user.id,
        user.password,
        user.lastLogin ?? null,
        user.isSuperuser ?? false,
        user.username,
        user.firstName ?? '',
        user.lastName ?? '',
        user.email ?? `${user.id}@example.com`,
        user.isStaff ?? false,
        user.isActive ?? true,
        user.dateJoined ?? '2026-11-30 07:25:51.493703',
      ],
    ]);
  }
  for (const category of fixture.categories) rows.push(['product_category', ['id', 'name'], [category.id, category.name]]);
  for (const product of fixture.products) {
    rows.push([
      'product_product',
      ['id', 'name', 'price', 'stock_quantity', 'category_id'],
      [product.id, product.name, product.price, product.stock, product.categoryId],
    ]);
  }
  for (const line of fixture.cartItems) {
    rows.push(['carts_cartitem', ['id', 'quantity', 'product_id', 'user_id'], [line.id, line.quantity, line.productId, line.userId]]);
  }
  return rows;
}

/**
 * Django on SQLite binds booleans as 1/0, datetimes as naive UTC text and decimals as text,
 * which the column's NUMERIC affinity turns into REAL (or INTEGER for "699.000").
 */
export async function createDjangoSqlite(fixture: DjangoFixture): Promise<DjangoDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'django-sqlite-'));
  const file = join(dir, 'db.sqlite3');
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.exec(SQLITE_SCHEMA);
  for (const [table, columns, values] of inserts(fixture)) {
    const bound = values.map((value) => (typeof value === 'boolean' ? Number(value) : value));
    db.run(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, bound);
  }
  const save = () => writeFileSync(file, db.export());
  save();
  return {
    location: file,
    async execute(sql) {
      db.exec(sql);
      save();
    },
    async close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh database on the server in DATABASE_URL when it is set, otherwise another in-memory
 * PGlite served over its socket, so the PostgreSQL reader is covered without a server.
 */
export async function createDjangoPostgres(fixture: DjangoFixture): Promise<DjangoDatabase> {
  const serverUrl = loadEnvironment().DATABASE_URL;
  const database = serverUrl ? await createFreshDatabase(serverUrl) : await startEmbeddedPostgres();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query(POSTGRES_SCHEMA);
  for (const [table, columns, values] of inserts(fixture)) {
    const parameters = values.map((value, index) => (columns[index] === 'date_joined' || columns[index] === 'last_login') && value !== null ? `${value}+00` : value);
    await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`, parameters);
  }
  for (const [table, column] of [['auth_user', 'id'], ['product_category', 'id'], ['product_product', 'id'], ['carts_cartitem', 'id']]) {
    await client.query(`SELECT setval(pg_get_serial_sequence('${table}', '${column}'), coalesce(max(${column}), 0) + 1, false) FROM ${table}`);
  }
  await client.end();
  return {
    location: database.url,
    async execute(sql) {
      const session = new pg.Client({ connectionString: database.url });
      await session.connect();
      try {
        await session.query(sql);
      } finally {
        await session.end();
      }
    },
    close: () => database.close(),
  };
}

export function createDjangoDatabase(engine: DjangoEngine, fixture: DjangoFixture): Promise<DjangoDatabase> {
  return engine === 'sqlite' ? createDjangoSqlite(fixture) : createDjangoPostgres(fixture);
}

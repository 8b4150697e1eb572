import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import initSqlJs from 'sql.js';
import type { DjangoCartItem, DjangoCategory, DjangoProduct, DjangoUser } from './django-rows.js';
import { boolean, DJANGO_COLUMNS, DjangoSource, DjangoSourceError, integer, missingColumnsMessage, text } from './django-source.js';

const SQLITE_HEADER = 'SQLite format 3\u0000';

type Row = initSqlJs.SqlValue[];

/**
 * Django's `db.sqlite3`, read with sql.js (SQLite compiled to WebAssembly: nothing to build
 * natively). The file is loaded into memory once, so every table is read from one snapshot.
 */
export async function openSqliteSource(path: string): Promise<DjangoSource> {
  const file = resolve(path);
  if (!existsSync(file) || !statSync(file).isFile()) throw new DjangoSourceError(`${file} does not exist (expected a Django db.sqlite3 or a postgres:// URL).`);
  const bytes = readFileSync(file);
  if (bytes.subarray(0, SQLITE_HEADER.length).toString('latin1') !== SQLITE_HEADER) {
    throw new DjangoSourceError(`${file} is not an SQLite database.`);
  }
  // In WAL mode recent commits live in the -wal file until a checkpoint; reading only the main
  // file would silently miss them.
  const wal = `${file}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) {
    throw new DjangoSourceError(
      `${wal} holds changes not yet written into ${file}. Stop Django, then run ` +
        `sqlite3 ${file} 'PRAGMA wal_checkpoint(TRUNCATE)' and import again.`,
    );
  }
  const SQL = await initSqlJs();
  const db = new SQL.Database(bytes);
  try {
    for (const [table, columns] of Object.entries(DJANGO_COLUMNS)) {
      const present = new Set(rows(db, `SELECT name FROM pragma_table_info('${table}')`).map((row) => String(row[0])));
      const missing = columns.filter((column) => !present.has(column));
      if (missing.length > 0) throw new DjangoSourceError(missingColumnsMessage(file, table, missing));
    }
  } catch (error) {
    db.close();
    throw error;
  }
  return new SqliteSource(file, db);
}

function rows(db: initSqlJs.Database, sql: string): Row[] {
  return db.exec(sql)[0]?.values ?? [];
}

class SqliteSource implements DjangoSource {
  constructor(
    readonly description: string,
    private readonly db: initSqlJs.Database,
  ) {}

  async readUsers(): Promise<DjangoUser[]> {
    const sql = `SELECT id, username, email, first_name, last_name, password, is_active, is_staff, is_superuser,
                        CAST(date_joined AS TEXT), CAST(last_login AS TEXT)
                 FROM auth_user ORDER BY id`;
    return rows(this.db, sql).map((row) => ({
      id: integer(row[0]),
      username: text(row[1]),
      email: text(row[2]),
      firstName: text(row[3]),
      lastName: text(row[4]),
      password: text(row[5]),
      isActive: boolean(row[6]),
      isStaff: boolean(row[7]),
      isSuperuser: boolean(row[8]),
      dateJoined: text(row[9]),
      lastLogin: row[10] === null ? null : text(row[10]),
    }));
  }

  async readCategories(): Promise<DjangoCategory[]> {
    return rows(this.db, 'SELECT id, name FROM product_category ORDER BY id').map((row) => ({ id: integer(row[0]), name: text(row[1]) }));
  }

  async readProducts(): Promise<DjangoProduct[]> {
    // Django's decimals have NUMERIC affinity on SQLite and mostly land as REAL. SQLite renders a
    // REAL as the shortest text that reads back to the same double, which is the decimal Django
    // wrote whenever it had at most 15 significant digits (a decimal(10,3) has at most 10).
    const sql = 'SELECT id, name, CAST(price AS TEXT), stock_quantity, category_id FROM product_product ORDER BY id';
    return rows(this.db, sql).map((row) => ({
      id: integer(row[0]),
      name: text(row[1]),
      price: text(row[2]),
      stock: integer(row[3]),
      categoryId: integer(row[4]),
    }));
  }

  async readCartItems(): Promise<DjangoCartItem[]> {
    return rows(this.db, 'SELECT id, user_id, product_id, quantity FROM carts_cartitem ORDER BY id').map((row) => ({
      id: integer(row[0]),
      userId: integer(row[1]),
      productId: integer(row[2]),
      quantity: integer(row[3]),
    }));
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

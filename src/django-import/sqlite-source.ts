import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import initSqlJs from 'sql.js';
import { DJANGO_COLUMNS, DjangoSource, DjangoSourceError, missingColumnsMessage } from './django-source.js';

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

class SqliteSource extends DjangoSource {
  constructor(
    readonly description: string,
    private readonly db: initSqlJs.Database,
  ) {
    super();
  }

  protected rows(sql: string): Promise<unknown[][]> {
    return Promise.resolve(rows(this.db, sql));
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

import type { QueryRunner } from 'typeorm';
import type { DjangoTable } from './django-rows.js';
import type { ImportPlan, Note, PlannedCartItem, PlannedCategory, PlannedProduct, PlannedUser } from './import-plan.js';
import {
  CATEGORY_NAME_HOLDERS,
  COUNT_CART_LINES_TO_WRITE,
  FOLD_CASE,
  moveSequence,
  PRESENT,
  PRESENT_CART_LINES,
  SECONDARY_INDEXES,
  UPSERT_CART_LINES,
  UPSERT_CATEGORIES,
  UPSERT_PRODUCTS,
  UPSERT_USERS,
  USERNAME_HOLDERS,
} from './import-sql.js';
import { fingerprint, loadFingerprints, saveFingerprints } from './import-fingerprints.js';
import { TARGET_TABLES } from './import-report.js';

/** Storedeal already holds rows with Django's ids or names that no earlier import wrote. */
export class ImportConflictError extends Error {}

interface TableSpec<T extends { id: number }> {
  table: DjangoTable;
  noun: string;
  /** The values stored besides the id, in the upsert's parameter order. */
  values(row: T): unknown[];
  upsert: string;
}

const USERS: TableSpec<PlannedUser> = {
  table: 'auth_user',
  noun: 'user',
  values: (u) => [u.username, u.email, u.firstName, u.lastName, u.password, u.isActive, u.isStaff, u.isSuperuser, u.dateJoined, u.lastLogin],
  upsert: UPSERT_USERS,
};
const CATEGORIES: TableSpec<PlannedCategory> = { table: 'product_category', noun: 'category', values: (c) => [c.name], upsert: UPSERT_CATEGORIES };
const PRODUCTS: TableSpec<PlannedProduct> = {
  table: 'product_product',
  noun: 'product',
  values: (p) => [p.name, p.price, p.stock, p.categoryId],
  upsert: UPSERT_PRODUCTS,
};
const CART_ITEMS: TableSpec<PlannedCartItem> = {
  table: 'carts_cartitem',
  noun: 'cart line',
  values: (line) => [line.userId, line.productId, line.quantity],
  upsert: UPSERT_CART_LINES,
};

/** One table's rows sorted into what to write and what Storedeal already holds. */
interface TableWork<T extends { id: number }> {
  spec: TableSpec<T>;
  toWrite: T[];
  /** What earlier imports recorded, by Django id. */
  recorded: Map<number, string>;
  /** Fingerprints to store for rows whose Django values differ from what an earlier import recorded. */
  updates: Map<number, string>;
  unchanged: number;
  seconds: number;
}

export interface PreparedImport {
  users: TableWork<PlannedUser>;
  categories: TableWork<PlannedCategory>;
  products: TableWork<PlannedProduct>;
  cartItems: TableWork<PlannedCartItem>;
  /** Rows earlier imports wrote that Django no longer has. */
  notes: Note[];
}

export interface TableWriteResult {
  table: DjangoTable;
  written: number;
  unchanged: number;
  seconds: number;
}

function quoted(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}…` : text);
}

/**
 * Writes an import plan into Storedeal's tables with plain, bulk SQL: like a migration, the
 * importer moves data between schemas, so it bypasses the Nest services (and their per-row
 * validation, which the rules already did). Everything runs on the caller's query runner, in
 * the caller's single transaction.
 *
 * A row Storedeal holds under a Django id counts as the importer's own only if an earlier
 * import recorded it (django_import_rows). Such a row is left as it is while Django's values
 * match the recorded fingerprint — so a password re-hashed at login, or a quantity changed in
 * Storedeal's cart, survives a re-run — and overwritten with Django's values once they change.
 */
export class ImportWriter {
  constructor(
    private readonly runner: QueryRunner,
    private readonly progress: (line: string) => void,
    private readonly batchSize = 50_000,
  ) {}

  async foldCase(names: string[]): Promise<Map<string, string>> {
    const rows: Array<{ name: string; folded: string }> = await this.runner.query(FOLD_CASE, [names]);
    return new Map(rows.map((row) => [row.name, row.folded]));
  }

  /** Reads what Storedeal holds and sorts every row; refuses, before writing anything, on a conflict. */
  async prepare(plan: ImportPlan, sourceIds: Record<DjangoTable, number[]>): Promise<PreparedImport> {
    const conflicts: string[] = [];
    const notes: Note[] = [];
    const users = await this.sortById(USERS, 'users', plan.users, conflicts);
    const categories = await this.sortById(CATEGORIES, 'categories', plan.categories, conflicts);
    const products = await this.sortById(PRODUCTS, 'products', plan.products, conflicts);
    const cartItems = await this.sortCartLines(plan.cartItems);
    await this.findNameConflicts(USERNAME_HOLDERS, users, (u) => u.username, 'username', conflicts);
    await this.findNameConflicts(CATEGORY_NAME_HOLDERS, categories, (c) => c.name, 'name', conflicts);
    if (conflicts.length > 0) {
      throw new ImportConflictError(
        `Storedeal's database already holds rows that collide with the Django data, and no earlier import wrote them:\n` +
          conflicts.map((line) => `  ${line}`).join('\n') +
          `\nNothing was written. Import into an empty Storedeal database, or delete or rename those rows in Storedeal first ` +
          `(README, "Moving from the Django Storedeal").`,
      );
    }
    for (const work of [users, categories, products, cartItems] as Array<TableWork<{ id: number }>>) {
      notes.push(...goneFromDjango(work, new Set(sourceIds[work.spec.table])));
    }
    return { users, categories, products, cartItems, notes };
  }

  private async sortById<T extends { id: number }>(
    spec: TableSpec<T>,
    target: keyof typeof PRESENT,
    rows: T[],
    conflicts: string[],
  ): Promise<TableWork<T>> {
    const started = performance.now();
    const recorded = await loadFingerprints(this.runner, spec.table);
    const ids = rows.map((row) => row.id);
    const range = ids.length === 0 ? [0, -1] : [ids.reduce((a, b) => Math.min(a, b)), ids.reduce((a, b) => Math.max(a, b))];
    const presentRows: Array<{ id: number; label: string }> = await this.runner.query(PRESENT[target], range);
    const present = new Map(presentRows.map((row) => [row.id, row.label]));
    const work: TableWork<T> = { spec, toWrite: [], recorded, updates: new Map(), unchanged: 0, seconds: 0 };
    for (const row of rows) {
      const print = fingerprint(spec.values(row));
      const earlier = recorded.get(row.id);
      const holder = present.get(row.id);
      if (earlier === undefined && holder !== undefined) {
        conflicts.push(`${target}: id ${row.id} is ${quoted(holder)} in Storedeal; Django's ${spec.noun} ${row.id} is ${quoted(String(spec.values(row)[0]))}`);
        continue;
      }
      if (earlier === print && holder !== undefined) {
        work.unchanged += 1;
        continue;
      }
      work.toWrite.push(row);
      if (earlier !== print) {
        work.updates.set(row.id, print);
      }
    }
    work.seconds = (performance.now() - started) / 1000;
    if (rows.length >= BULK_LOAD_ROWS) this.progress(`${spec.table}: compared ${rows.length.toLocaleString('en')} rows with Storedeal's (${work.seconds.toFixed(1)} s).`);
    return work;
  }

  private async sortCartLines(rows: PlannedCartItem[]): Promise<TableWork<PlannedCartItem>> {
    const started = performance.now();
    const recorded = await loadFingerprints(this.runner, CART_ITEMS.table);
    const presentRows: Array<{ user_id: number; product_id: number }> = await this.runner.query(PRESENT_CART_LINES, [
      rows.map((row) => row.userId),
      rows.map((row) => row.productId),
    ]);
    const present = new Set(presentRows.map((row) => `${row.user_id}:${row.product_id}`));
    const work: TableWork<PlannedCartItem> = { spec: CART_ITEMS, toWrite: [], recorded, updates: new Map(), unchanged: 0, seconds: 0 };
    for (const row of rows) {
      const print = fingerprint(CART_ITEMS.values(row));
      const earlier = recorded.get(row.id);
      if (earlier === print && present.has(`${row.userId}:${row.productId}`)) {
        work.unchanged += 1;
        continue;
      }
      work.toWrite.push(row);
      if (earlier !== print) {
        work.updates.set(row.id, print);
      }
    }
    work.seconds = (performance.now() - started) / 1000;
    return work;
  }

  /** Storedeal rows that hold a name a Django row to write needs, and that no earlier import wrote. */
  private async findNameConflicts<T extends { id: number }>(
    sql: string,
    work: TableWork<T>,
    nameOf: (row: T) => string,
    field: string,
    conflicts: string[],
  ) {
    if (work.toWrite.length === 0) return;
    const holders: Array<{ django_id: number; id: number; label: string }> = await this.runner.query(sql, [
      work.toWrite.map((row) => row.id),
      work.toWrite.map(nameOf),
    ]);
    const { noun } = work.spec;
    for (const holder of holders) {
      if (work.recorded.has(holder.id)) continue;
      conflicts.push(`${noun === 'user' ? 'users' : 'categories'}: ${field} ${quoted(holder.label)} belongs to Storedeal ${noun} ${holder.id}; Django's ${noun} ${holder.django_id} has it`);
    }
  }

  /** Writes (or, in a dry run, counts what would be written) table by table, in foreign-key order. */
  async write(prepared: PreparedImport, dryRun: boolean): Promise<TableWriteResult[]> {
    return [
      await this.writeTable(prepared.users, dryRun),
      await this.writeTable(prepared.categories, dryRun),
      await this.writeTable(prepared.products, dryRun),
      await this.writeTable(prepared.cartItems, dryRun),
    ];
  }

  private async writeTable<T extends { id: number }>(work: TableWork<T>, dryRun: boolean): Promise<TableWriteResult> {
    const started = performance.now();
    const { spec, toWrite } = work;
    const isCart = spec.table === 'carts_cartitem';
    const rebuild = dryRun || isCart ? undefined : await this.dropIndexesForBulkLoad(TARGET_TABLES[spec.table], toWrite.length);
    let written = 0;
    for (let start = 0; start < toWrite.length; start += this.batchSize) {
      const batch = toWrite.slice(start, start + this.batchSize);
      const columns = isCart ? columnsOf(batch, spec.values) : [batch.map((row) => row.id), ...columnsOf(batch, spec.values)];
      const sql = isCart && dryRun ? COUNT_CART_LINES_TO_WRITE : spec.upsert;
      const [{ written: count }]: Array<{ written: number }> = await this.runner.query(sql, columns);
      written += count;
      const done = start + batch.length;
      const seconds = (performance.now() - started) / 1000;
      this.progress(
        `${spec.table}: ${done.toLocaleString('en')} / ${toWrite.length.toLocaleString('en')} rows ${dryRun ? 'checked' : 'written'}` +
          ` (${Math.round(done / Math.max(seconds, 0.001)).toLocaleString('en')} rows/s)`,
      );
    }
    if (rebuild) await rebuild();
    const recordStarted = performance.now();
    await saveFingerprints(this.runner, spec.table, work.recorded, work.updates);
    if (work.updates.size >= BULK_LOAD_ROWS) {
      this.progress(`${spec.table}: recorded ${work.updates.size.toLocaleString('en')} fingerprints (${((performance.now() - recordStarted) / 1000).toFixed(1)} s).`);
    }
    const seconds = work.seconds + (performance.now() - started) / 1000;
    return { table: spec.table, written, unchanged: work.unchanged + toWrite.length - written, seconds };
  }

  /**
   * Loading many rows into a table with many indexes (products has eight, one of them a
   * trigram GIN) is about twice as fast when the indexes are built once afterwards instead of
   * updated row by row. So when the rows to load are many and at least as many as the table
   * holds, the indexes that back no constraint are dropped here and re-created by the returned
   * function, inside the import's transaction: a failure restores them with everything else.
   * The DROP locks the table until COMMIT, which an import run before the switch can afford.
   */
  private async dropIndexesForBulkLoad(table: string, rows: number): Promise<(() => Promise<void>) | undefined> {
    if (rows < BULK_LOAD_ROWS) return undefined;
    const [{ count }]: Array<{ count: number }> = await this.runner.query(`SELECT count(*)::int AS count FROM ${table}`);
    if (count > rows) return undefined;
    const indexes: Array<{ name: string; definition: string }> = await this.runner.query(SECONDARY_INDEXES, [table]);
    if (indexes.length === 0) return undefined;
    await this.runner.query(`DROP INDEX ${indexes.map((index) => `"${index.name}"`).join(', ')}`);
    this.progress(`${table}: ${indexes.length} indexes dropped for the load; they are rebuilt after it.`);
    return async () => {
      const started = performance.now();
      // Index builds sort in memory up to maintenance_work_mem (64 MB by default); the GIN build above all gains from more.
      await this.runner.query(`SET LOCAL maintenance_work_mem = '256MB'`);
      for (const index of indexes) await this.runner.query(index.definition);
      this.progress(`${table}: ${indexes.length} indexes rebuilt (${((performance.now() - started) / 1000).toFixed(1)} s).`);
    };
  }

  /**
   * Sequences are not transactional (setval is never rolled back), so this runs last, just
   * before COMMIT, and never in a dry run: a failure after it leaves only a gap in new ids.
   */
  async moveSequences(highestDjangoIds: Record<'users' | 'categories' | 'products', number>): Promise<void> {
    for (const [table, id] of Object.entries(highestDjangoIds) as Array<[keyof typeof highestDjangoIds, number]>) {
      await this.runner.query(moveSequence(table), [id]);
    }
  }

  /** Fresh planner statistics for tables that grew, before the first listing runs on them. */
  async analyze(results: TableWriteResult[]): Promise<void> {
    for (const result of results) if (result.written > 0) await this.runner.query(`ANALYZE ${TARGET_TABLES[result.table]}`);
  }
}

/** Rows earlier imports wrote that Django no longer has: listed, left as they are. */
function goneFromDjango(work: TableWork<{ id: number }>, sourceIds: Set<number>): Note[] {
  const notes: Note[] = [];
  for (const id of work.recorded.keys()) {
    if (sourceIds.has(id)) continue;
    notes.push({
      table: work.spec.table,
      id,
      rule: 'gone-from-django',
      kind: 'kept',
      detail: `${work.spec.noun} ${id} was imported earlier and is no longer in Django: left as it is in Storedeal`,
    });
  }
  return notes.sort((a, b) => a.id - b.id);
}

/** Fewer rows than this load faster through the indexes than around them. */
const BULK_LOAD_ROWS = 10_000;

function columnsOf<T>(rows: T[], values: (row: T) => unknown[]): unknown[][] {
  const columns: unknown[][] = [];
  for (const row of rows) {
    values(row).forEach((value, index) => (columns[index] ??= []).push(value));
  }
  return columns;
}

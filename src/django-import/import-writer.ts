import { createHash } from 'node:crypto';
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
  RECORD_ROWS,
  SELECT_RECORDED,
  UPSERT_CART_LINES,
  UPSERT_CATEGORIES,
  UPSERT_PRODUCTS,
  UPSERT_USERS,
  USERNAME_HOLDERS,
} from './import-sql.js';
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
  /** Fingerprints to store for rows whose Django values differ from what an earlier import recorded. */
  record: { ids: number[]; fingerprints: string[] };
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

function fingerprint(values: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(values)).digest('base64');
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
    private readonly batchSize = 20_000,
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
    await this.findNameConflicts(USERNAME_HOLDERS, users.toWrite.map((u) => [u.id, u.username] as const), 'user', 'username', conflicts);
    await this.findNameConflicts(CATEGORY_NAME_HOLDERS, categories.toWrite.map((c) => [c.id, c.name] as const), 'category', 'name', conflicts);
    if (conflicts.length > 0) {
      throw new ImportConflictError(
        `Storedeal's database already holds rows that collide with the Django data, and no earlier import wrote them:\n` +
          conflicts.map((line) => `  ${line}`).join('\n') +
          `\nNothing was written. Import into an empty Storedeal database, or delete or rename those rows in Storedeal first ` +
          `(README, "Moving from the Django Storedeal").`,
      );
    }
    for (const work of [users, categories, products, cartItems] as Array<TableWork<{ id: number }>>) {
      notes.push(...(await this.goneFromDjango(work.spec, new Set(sourceIds[work.spec.table]))));
    }
    return { users, categories, products, cartItems, notes };
  }

  private async recorded(table: DjangoTable): Promise<Map<number, string>> {
    const rows: Array<{ id: string; fingerprint: string }> = await this.runner.query(SELECT_RECORDED, [table]);
    return new Map(rows.map((row) => [Number(row.id), row.fingerprint]));
  }

  private async sortById<T extends { id: number }>(
    spec: TableSpec<T>,
    target: keyof typeof PRESENT,
    rows: T[],
    conflicts: string[],
  ): Promise<TableWork<T>> {
    const started = performance.now();
    const recorded = await this.recorded(spec.table);
    const presentRows: Array<{ id: number; label: string }> = await this.runner.query(PRESENT[target], [rows.map((row) => row.id)]);
    const present = new Map(presentRows.map((row) => [row.id, row.label]));
    const work: TableWork<T> = { spec, toWrite: [], record: { ids: [], fingerprints: [] }, unchanged: 0, seconds: 0 };
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
        work.record.ids.push(row.id);
        work.record.fingerprints.push(print);
      }
    }
    work.seconds = (performance.now() - started) / 1000;
    return work;
  }

  private async sortCartLines(rows: PlannedCartItem[]): Promise<TableWork<PlannedCartItem>> {
    const started = performance.now();
    const recorded = await this.recorded(CART_ITEMS.table);
    const presentRows: Array<{ user_id: number; product_id: number }> = await this.runner.query(PRESENT_CART_LINES, [
      rows.map((row) => row.userId),
      rows.map((row) => row.productId),
    ]);
    const present = new Set(presentRows.map((row) => `${row.user_id}:${row.product_id}`));
    const work: TableWork<PlannedCartItem> = { spec: CART_ITEMS, toWrite: [], record: { ids: [], fingerprints: [] }, unchanged: 0, seconds: 0 };
    for (const row of rows) {
      const print = fingerprint(CART_ITEMS.values(row));
      const earlier = recorded.get(row.id);
      if (earlier === print && present.has(`${row.userId}:${row.productId}`)) {
        work.unchanged += 1;
        continue;
      }
      work.toWrite.push(row);
      if (earlier !== print) {
        work.record.ids.push(row.id);
        work.record.fingerprints.push(print);
      }
    }
    work.seconds = (performance.now() - started) / 1000;
    return work;
  }

  private async findNameConflicts(sql: string, rows: Array<readonly [number, string]>, noun: string, field: string, conflicts: string[]) {
    if (rows.length === 0) return;
    const holders: Array<{ django_id: number; id: number; label: string }> = await this.runner.query(sql, [
      rows.map(([id]) => id),
      rows.map(([, name]) => name),
    ]);
    for (const holder of holders) {
      conflicts.push(`${noun === 'user' ? 'users' : 'categories'}: ${field} ${quoted(holder.label)} belongs to Storedeal ${noun} ${holder.id}; Django's ${noun} ${holder.django_id} has it`);
    }
  }

  private async goneFromDjango(spec: TableSpec<{ id: number }>, sourceIds: Set<number>): Promise<Note[]> {
    const notes: Note[] = [];
    for (const id of (await this.recorded(spec.table)).keys()) {
      if (sourceIds.has(id)) continue;
      notes.push({
        table: spec.table,
        id,
        rule: 'gone-from-django',
        kind: 'kept',
        detail: `${spec.noun} ${id} was imported earlier and is no longer in Django: left as it is in Storedeal`,
      });
    }
    return notes.sort((a, b) => a.id - b.id);
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
    for (let start = 0; start < work.record.ids.length; start += this.batchSize) {
      await this.runner.query(RECORD_ROWS, [
        spec.table,
        work.record.ids.slice(start, start + this.batchSize),
        work.record.fingerprints.slice(start, start + this.batchSize),
      ]);
    }
    const seconds = work.seconds + (performance.now() - started) / 1000;
    return { table: spec.table, written, unchanged: work.unchanged + toWrite.length - written, seconds };
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

function columnsOf<T>(rows: T[], values: (row: T) => unknown[]): unknown[][] {
  const columns: unknown[][] = [];
  for (const row of rows) {
    values(row).forEach((value, index) => (columns[index] ??= []).push(value));
  }
  return columns;
}

import { DataSource, MigrationExecutor } from 'typeorm';
import { PasswordHasher } from '../users/password-hasher.js';
import type { DjangoData, DjangoTable } from './django-rows.js';
import type { DjangoSource } from './django-source.js';
import { countNotes, ImportReport, TableReport } from './import-report.js';
import { planImport } from './import-rules.js';
import { ImportWriter } from './import-writer.js';
import { idProblem } from './storedeal-limits.js';

export interface ImportOptions {
  dryRun: boolean;
  progress: (line: string) => void;
}

type ReadTimes = Record<DjangoTable, number>;

/** The highest id that fits Storedeal's integer ids (0 for none). */
function highestId(ids: number[]): number {
  return ids.reduce((highest, id) => (idProblem(id) === undefined && id > highest ? id : highest), 0);
}

async function readDjango(source: DjangoSource, progress: (line: string) => void): Promise<{ data: DjangoData; seconds: ReadTimes }> {
  const seconds = {} as ReadTimes;
  const timed = async <T>(table: DjangoTable, read: () => Promise<T[]>): Promise<T[]> => {
    const started = performance.now();
    const rows = await read();
    seconds[table] = (performance.now() - started) / 1000;
    progress(`Read ${rows.length.toLocaleString('en')} rows from ${table} (${seconds[table].toFixed(2)} s).`);
    return rows;
  };
  const data: DjangoData = {
    users: await timed('auth_user', () => source.readUsers()),
    categories: await timed('product_category', () => source.readCategories()),
    products: await timed('product_product', () => source.readProducts()),
    cartItems: await timed('carts_cartitem', () => source.readCartItems()),
  };
  return { data, seconds };
}

/**
 * Reads the Django Storedeal's users, catalogue and carts and writes them into Storedeal's
 * database in ONE transaction, pending migrations included: a failure (or a conflict, or a
 * dry run) rolls everything back and leaves the target as it was.
 */
export async function importDjango(source: DjangoSource, target: DataSource, options: ImportOptions): Promise<ImportReport> {
  const started = performance.now();
  const { progress } = options;
  progress(`Reading the Django database ${source.description}…`);
  const { data, seconds: readSeconds } = await readDjango(source, progress);

  const runner = target.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    try {
      const executor = new MigrationExecutor(target, runner);
      executor.transaction = 'all';
      const migrations = await executor.executePendingMigrations();
      if (migrations.length > 0) progress(`Applied ${migrations.length} pending migration(s) inside the import's transaction.`);

      const writer = new ImportWriter(runner, progress);
      const planStarted = performance.now();
      const folded = await writer.foldCase(data.categories.map((category) => category.name));
      const plan = planImport(data, {
        foldCase: (name) => folded.get(name) ?? name.toLowerCase(),
        canVerifyPassword: (encoded) => PasswordHasher.canVerify(encoded),
      });
      const planSeconds = (performance.now() - planStarted) / 1000;
      progress(`Planned the import (${plan.notes.length.toLocaleString('en')} rows follow a rule).`);

      const sourceIds: Record<DjangoTable, number[]> = {
        auth_user: data.users.map((row) => row.id),
        product_category: data.categories.map((row) => row.id),
        product_product: data.products.map((row) => row.id),
        carts_cartitem: data.cartItems.map((row) => row.id),
      };
      const prepared = await writer.prepare(plan, sourceIds);
      const results = await writer.write(prepared, options.dryRun);
      await writer.analyze(results);

      const notes = [...plan.notes, ...prepared.notes];
      const readCounts: Record<DjangoTable, number> = {
        auth_user: data.users.length,
        product_category: data.categories.length,
        product_product: data.products.length,
        carts_cartitem: data.cartItems.length,
      };
      const totalRead = Object.values(readCounts).reduce((sum, count) => sum + count, 0);
      const tables: TableReport[] = results.map((result) => ({
        table: result.table,
        read: readCounts[result.table],
        written: result.written,
        unchanged: result.unchanged,
        changed: countNotes(notes, result.table, 'changed'),
        dropped: countNotes(notes, result.table, 'dropped'),
        // Planning is shared; each table carries its share by rows read.
        seconds: readSeconds[result.table] + result.seconds + (planSeconds * readCounts[result.table]) / Math.max(totalRead, 1),
      }));

      if (options.dryRun) {
        await runner.rollbackTransaction();
      } else {
        await writer.moveSequences({
          users: highestId(sourceIds.auth_user),
          categories: highestId(sourceIds.product_category),
          products: highestId(sourceIds.product_product),
        });
        await runner.commitTransaction();
      }
      return {
        source: source.description,
        dryRun: options.dryRun,
        migrationsApplied: migrations.map((migration) => migration.name),
        tables,
        notes,
        seconds: (performance.now() - started) / 1000,
      };
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    }
  } finally {
    await runner.release();
  }
}

import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../database/data-source-options.js';

/** Applies pending migrations and reports each one (Django's `migrate`). */
export async function migrate(url: string, say: (line: string) => void): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions({ url, poolSize: 2, migrationsRun: false }));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length === 0) say('No migrations to apply.');
    for (const migration of applied) say(`  Applied ${migration.name}`);
  } finally {
    await dataSource.destroy();
  }
}

import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../database/data-source-options.js';
import { importDjango } from '../django-import/django-importer.js';
import { DjangoSourceError } from '../django-import/django-source.js';
import { formatReport } from '../django-import/import-report.js';
import { ImportConflictError } from '../django-import/import-writer.js';
import { openDjangoSource } from '../django-import/open-django-source.js';

export interface ImportDjangoOptions {
  source?: string;
  dryRun: boolean;
}

/** `import-django <db.sqlite3 | postgres://…> [--dry-run]`: the report on stdout, progress on stderr. */
export async function importDjangoCommand(
  databaseUrl: string,
  options: ImportDjangoOptions,
  say: (line: string) => void,
  progress: (line: string) => void,
): Promise<void> {
  if (!options.source) {
    throw new Error('import-django needs the Django database: the path of its db.sqlite3, or a postgres:// URL.');
  }
  const source = await openDjangoSource(options.source);
  try {
    const target = new DataSource(dataSourceOptions({ url: databaseUrl, poolSize: 1, migrationsRun: false }));
    await target.initialize();
    try {
      const report = await importDjango(source, target, { dryRun: options.dryRun, progress });
      say(formatReport(report));
    } catch (error) {
      if (error instanceof ImportConflictError || error instanceof DjangoSourceError) throw error;
      throw new Error(`The import failed and was rolled back; Storedeal's database is as it was. ${(error as Error).message}`, { cause: error });
    } finally {
      await target.destroy();
    }
  } finally {
    await source.close();
  }
}

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
      if (!options.dryRun) say(keepSessionsHint(new Date()));
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

/** How to keep the Django users logged in: the window starts now, with this import. */
function keepSessionsHint(importedAt: Date): string {
  const at = new Date(Math.floor(importedAt.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  return [
    '',
    'To keep your users logged in (their Django tokens), start Storedeal with:',
    "  JWT_SECRET='<the Django deployment's SECRET_KEY>'",
    `  DJANGO_TOKENS_ISSUED_BEFORE=${at}`,
    "The window closes by itself once Django's last refresh token has expired (REFRESH_TOKEN_LIFETIME after this",
    'import, one day by default); remove DJANGO_TOKENS_ISSUED_BEFORE after that.',
  ].join('\n');
}

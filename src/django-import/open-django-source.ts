import type { DjangoSource } from './django-source.js';
import { openPostgresSource } from './postgres-source.js';
import { openSqliteSource } from './sqlite-source.js';

/** `postgres://…` / `postgresql://…` is a PostgreSQL database; anything else a SQLite file's path. */
export function openDjangoSource(location: string): Promise<DjangoSource> {
  return /^postgres(ql)?:\/\//i.test(location) ? openPostgresSource(location) : openSqliteSource(location);
}

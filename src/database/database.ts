import { Environment } from '../config/environment.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

/** DATABASE_URL when set; otherwise the embedded PGlite in DATA_DIR (in memory for tests). */
export async function openDatabase(env: Environment, options: { inMemory?: boolean } = {}): Promise<DatabaseHandle> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, embedded: false, close: async () => undefined };
  const embedded = await startEmbeddedPostgres(options.inMemory ? undefined : env.DATA_DIR);
  return { url: embedded.url, embedded: true, close: () => embedded.close() };
}

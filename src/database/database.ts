import { Environment } from '../config/environment.js';
import { probeDatabase } from './database-probe.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  /** Where this process serves HTTP (the embedded database's lock file tells a second start). */
  announceHttp?(url: string): void;
  close(): Promise<void>;
}

/** DATABASE_URL when set; otherwise the embedded PGlite in DATA_DIR (in memory for tests). */
export async function openDatabase(env: Environment, options: { inMemory?: boolean } = {}): Promise<DatabaseHandle> {
  if (env.DATABASE_URL) {
    // One connection first: a wrong DATABASE_URL fails the start in seconds with what to do,
    // not after TypeORM's retries.
    await probeDatabase(env.DATABASE_URL);
    return { url: env.DATABASE_URL, embedded: false, close: async () => undefined };
  }
  const embedded = await startEmbeddedPostgres(options.inMemory ? undefined : env.DATA_DIR);
  return { url: embedded.url, embedded: true, announceHttp: (url) => embedded.announceHttp(url), close: () => embedded.close() };
}

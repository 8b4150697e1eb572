import { Environment } from '../config/environment.js';
import { DatabaseHandle, openDatabase } from '../database/database.js';
import { embeddedUrl, findRunningEmbedded } from '../database/embedded-postgres.js';

/**
 * The database a CLI command should use. With the embedded database only one process may
 * open DATA_DIR: when the server is running, the command goes through the server's own
 * database socket, with the password the server keeps in its lock file; otherwise it opens
 * DATA_DIR itself (and holds the lock meanwhile).
 */
export async function openCliDatabase(env: Environment, say: (line: string) => void): Promise<DatabaseHandle> {
  if (!env.DATABASE_URL) {
    const running = findRunningEmbedded(env.DATA_DIR);
    if (running) {
      say(`Using the embedded database of the running server (process ${running.pid}).`);
      return { url: embeddedUrl(running.port, running.password), embedded: true, close: async () => undefined };
    }
  }
  return openDatabase(env);
}

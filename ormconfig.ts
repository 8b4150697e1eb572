import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadEnvironment } from './src/config/config.js';
import { dataSourceOptions } from './src/database/data-source-options.js';
import { embeddedUrl, findRunningEmbedded } from './src/database/embedded-postgres.js';

/**
 * The data source for the TypeORM CLI (`npm run migration:generate|run|revert`). It uses
 * DATABASE_URL, or the embedded database of a running `npm start` (only one process may
 * open DATA_DIR, so the CLI goes through the server's socket rather than opening it).
 */
function cliDatabaseUrl(): string {
  const env = loadEnvironment();
  if (env.DATABASE_URL) return env.DATABASE_URL;
  const running = findRunningEmbedded(env.DATA_DIR);
  if (running) return embeddedUrl(running.port);
  throw new Error(
    'The TypeORM CLI needs a database: set DATABASE_URL, or start the server (npm start) so it can use the embedded one. ' +
      '(`npm run cli -- migrate` applies migrations without a running server.)',
  );
}

export default new DataSource(dataSourceOptions({ url: cliDatabaseUrl(), poolSize: 2, migrationsRun: false }));

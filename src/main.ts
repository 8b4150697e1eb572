import 'reflect-metadata';
import { createApp } from './app.factory.js';
import { loadEnvironment } from './config/config.js';
import { openDatabase } from './database/database.js';

async function main(): Promise<void> {
  const started = performance.now();
  const env = loadEnvironment();
  const database = await openDatabase(env);
  const app = await createApp(env, database.url).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  await app.listen({ port: env.PORT, host: env.HOST });

  const shown = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
  const where = database.embedded ? `embedded PostgreSQL (PGlite) in ${env.DATA_DIR}` : 'PostgreSQL at DATABASE_URL';
  process.stdout.write(
    `Storedeal is listening on http://${shown}:${env.PORT}/ (database: ${where}; ready in ${Math.round(performance.now() - started)} ms)\n` +
      `  API docs (Swagger UI): http://${shown}:${env.PORT}/docs\n` +
      `  OpenAPI document:      http://${shown}:${env.PORT}/docs/openapi.json\n`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal} received: finishing in-flight requests, then closing the database\n`);
    // Fastify's close waits for in-flight requests; the database closes only after that.
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

import 'reflect-metadata';
import cluster from 'node:cluster';
import { createApp } from './app.factory.js';
import { migrate } from './cli/migrate.command.js';
import { loadEnvironment } from './config/config.js';
import { Environment } from './config/environment.js';
import { DatabaseHandle, openDatabase } from './database/database.js';
import { flushLogs } from './logging.js';

const say = (line: string) => process.stdout.write(`${line}\n`);

function banner(env: Environment, database: DatabaseHandle, started: number): void {
  const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
  const base = `http://${host}:${env.PORT}`;
  const where = database.embedded ? `embedded PostgreSQL (PGlite) in ${env.DATA_DIR}` : 'PostgreSQL at DATABASE_URL';
  const workers = env.WORKERS > 1 ? `, ${env.WORKERS} workers` : '';
  say(`Storedeal is listening on ${base}/ (database: ${where}${workers}; ready in ${Math.round(performance.now() - started)} ms)`);
  say(`  API docs (Swagger UI): ${base}/docs`);
  say(`  OpenAPI document:      ${base}/docs/openapi.json`);
}

/** Stops once on SIGTERM/SIGINT: `stop` finishes in-flight work before the process exits. */
function onSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const handle = (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal} received: finishing in-flight requests, then closing the database`);
    stop().then(
      () => {
        flushLogs();
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`Shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => handle('SIGTERM'));
  process.on('SIGINT', () => handle('SIGINT'));
}

async function serve(env: Environment, databaseUrl: string) {
  const app = await createApp(env, databaseUrl);
  await app.listen({ port: env.PORT, host: env.HOST });
  return app;
}

/** WORKERS=1: one process owns the database (embedded or not) and serves HTTP. */
async function runSingle(env: Environment, started: number): Promise<void> {
  const database = await openDatabase(env);
  try {
    const app = await serve(env, database.url);
    banner(env, database, started);
    // Fastify's close waits for in-flight requests; the database closes only after that.
    onSignals(async () => {
      await app.close();
      await database.close();
    });
  } catch (error) {
    await database.close();
    throw error;
  }
}

/**
 * WORKERS>1: the primary owns the database (and the embedded server, if any), applies
 * migrations once, then forks workers that share the port through Node's cluster module.
 */
async function runPrimary(env: Environment, started: number): Promise<void> {
  const database = await openDatabase(env);
  if (env.MIGRATIONS_RUN) await migrate(database.url, () => undefined);
  const workerEnv = { DATABASE_URL: database.url, MIGRATIONS_RUN: 'false' };
  let stopping = false;
  let listening = 0;
  for (let index = 0; index < env.WORKERS; index += 1) cluster.fork(workerEnv);
  cluster.on('listening', () => {
    listening += 1;
    if (listening === env.WORKERS) banner(env, database, started);
  });
  cluster.on('exit', (worker, code) => {
    if (stopping) return;
    process.stderr.write(`Worker ${worker.process.pid} exited with code ${code}; starting another\n`);
    cluster.fork(workerEnv);
  });
  onSignals(async () => {
    stopping = true;
    const exits = Object.values(cluster.workers ?? {}).map(
      (worker) => new Promise<void>((resolve) => (worker!.isDead() ? resolve() : worker!.once('exit', () => resolve()))),
    );
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    await Promise.all(exits);
    await database.close();
  });
}

async function runWorker(env: Environment): Promise<void> {
  const app = await serve(env, env.DATABASE_URL!);
  onSignals(() => app.close());
}

async function main(): Promise<void> {
  const started = performance.now();
  const env = loadEnvironment();
  if (cluster.isWorker) return runWorker(env);
  if (env.WORKERS > 1) return runPrimary(env, started);
  return runSingle(env, started);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

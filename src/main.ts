import 'reflect-metadata';
import cluster from 'node:cluster';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { createApp } from './app.factory.js';
import { migrate } from './cli/migrate.command.js';
import { loadEnvironment } from './config/config.js';
import { Environment } from './config/environment.js';
import { DatabaseHandle, openDatabase } from './database/database.js';
import { createLogger, flushLogs } from './logging.js';
import { serveCountersToWorkers } from './throttling/cluster-counter-store.js';

function banner(logger: Logger, env: Environment, database: DatabaseHandle, started: number): void {
  const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
  const base = `http://${host}:${env.PORT}`;
  const where = database.embedded ? `embedded PostgreSQL (PGlite) in ${env.DATA_DIR}` : 'PostgreSQL at DATABASE_URL';
  const workers = env.WORKERS > 1 ? `, ${env.WORKERS} workers` : '';
  logger.info(`Storedeal is listening on ${base}/ (database: ${where}${workers}; ready in ${Math.round(performance.now() - started)} ms)`);
  if (env.API_DOCS) logger.info(`API docs (Swagger UI): ${base}/docs, OpenAPI document: ${base}/docs/openapi.json`);
  database.announceHttp?.(`${base}/`);
  // Production buffers its lines: show these now, not with the next 4 KiB of requests.
  flushLogs();
}

/** Stops once on SIGTERM/SIGINT: `stop` finishes in-flight work before the process exits. */
function onSignals(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handle = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received: finishing in-flight requests, then closing the database`);
    stop().then(
      () => {
        flushLogs();
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        flushLogs();
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => handle('SIGTERM'));
  process.on('SIGINT', () => handle('SIGINT'));
}

/** Why the server could not listen, in terms of the setting to change. */
function listenFailure(error: unknown, env: Environment): unknown {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return new Error(
      `PORT ${env.PORT} is already in use on ${env.HOST} (another server is listening there): stop it, or set PORT to a free port, e.g. PORT=${env.PORT + 1} npm start`,
    );
  }
  if (code === 'EACCES') return new Error(`PORT ${env.PORT} needs privileges this process lacks: set PORT to 1024 or above, e.g. PORT=8000`);
  if (code === 'EADDRNOTAVAIL') return new Error(`HOST ${env.HOST} is not an address of this machine: use 0.0.0.0 (every interface) or 127.0.0.1`);
  return error;
}

async function serve(env: Environment, databaseUrl: string, logger: Logger): Promise<NestFastifyApplication> {
  const app = await createApp(env, databaseUrl, logger);
  // Fastify logs every interface address it listens on; the banner says where, once.
  const fastifyLog = app.getHttpAdapter().getInstance().log;
  const level = fastifyLog.level;
  fastifyLog.level = 'silent';
  try {
    await app.listen({ port: env.PORT, host: env.HOST });
  } catch (error) {
    await app.close();
    throw listenFailure(error, env);
  } finally {
    fastifyLog.level = level;
  }
  return app;
}

/** WORKERS=1: one process owns the database (embedded or not) and serves HTTP. */
async function runSingle(env: Environment, logger: Logger, started: number): Promise<void> {
  const database = await openDatabase(env);
  try {
    const app = await serve(env, database.url, logger);
    banner(logger, env, database, started);
    // Fastify's close waits for in-flight requests; the database closes only after that.
    onSignals(logger, async () => {
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
async function runPrimary(env: Environment, logger: Logger, started: number): Promise<void> {
  const database = await openDatabase(env);
  if (env.MIGRATIONS_RUN) await migrate(database.url, () => undefined);
  const workerEnv = { DATABASE_URL: database.url, MIGRATIONS_RUN: 'false' };
  let stopping = false;
  let listening = 0;
  const stopWorkers = async () => {
    stopping = true;
    const exits = Object.values(cluster.workers ?? {}).map(
      (worker) => new Promise<void>((resolve) => (worker!.isDead() ? resolve() : worker!.once('exit', () => resolve()))),
    );
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    await Promise.all(exits);
    await database.close();
  };
  // Every worker fails the same way (a busy PORT): say why once, instead of forking forever.
  const abortStart = (reason: string) => {
    if (stopping) return;
    stopWorkers().finally(() => fail(new Error(reason)));
  };
  // Without REDIS_URL the workers' rate-limit counters live here, so the limits hold per server.
  serveCountersToWorkers();
  for (let index = 0; index < env.WORKERS; index += 1) cluster.fork(workerEnv);
  cluster.on('listening', () => {
    listening += 1;
    if (listening === env.WORKERS) banner(logger, env, database, started);
  });
  cluster.on('message', (_worker, message: { startFailed?: unknown }) => {
    if (typeof message?.startFailed === 'string') abortStart(message.startFailed);
  });
  cluster.on('exit', (worker, code) => {
    if (stopping) return;
    if (listening < env.WORKERS) return abortStart(`Worker ${worker.process.pid} exited with code ${code} while starting`);
    logger.error(`Worker ${worker.process.pid} exited with code ${code}; starting another`);
    cluster.fork(workerEnv);
  });
  onSignals(logger, stopWorkers);
}

async function runWorker(env: Environment, logger: Logger): Promise<void> {
  const app = await serve(env, env.DATABASE_URL!, logger);
  onSignals(logger, () => app.close());
}

/** One line on stderr saying why the server did not start (a worker tells the primary instead). */
function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  flushLogs();
  if (cluster.isWorker) {
    process.send!({ startFailed: message }, () => process.exit(1));
    return;
  }
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const started = performance.now();
  const env = loadEnvironment();
  const logger = createLogger(env);
  if (cluster.isWorker) return runWorker(env, logger);
  if (env.WORKERS > 1) return runPrimary(env, logger, started);
  return runSingle(env, logger, started);
}

main().catch(fail);

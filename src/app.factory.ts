import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import { configureHttp, createAdapter } from './app.setup.js';
import { Environment } from './config/environment.js';
import { createLogger, NestLogger } from './logging.js';
import { setupSwagger } from './openapi.js';

/** The whole application, ready to listen: main.ts and the e2e tests build it the same way. */
export async function createApp(
  env: Environment,
  databaseUrl: string,
  logger: Logger = createLogger(env),
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot({ env, databaseUrl }), createAdapter(env, logger), {
    logger: new NestLogger(logger),
    // configureHttp installs DRF-compatible parsers instead of Nest's.
    bodyParser: false,
  });
  configureHttp(app, env);
  setupSwagger(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

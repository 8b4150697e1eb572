import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Logger, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { BUILD_COMMAND, CONSOLE_PREFIX, consoleRoutes } from './console-routes.js';

/**
 * The repository root, found from this file: src/console/ when run from source (tests),
 * dist/src/console/ when built.
 */
function repositoryRoot(from: string): string {
  for (let directory = from; ; directory = dirname(directory)) {
    if (existsSync(join(directory, 'admin', 'package.json'))) return directory;
    if (dirname(directory) === directory) return process.cwd();
  }
}

/** The staff console (admin/, a react-admin app) served at /admin/. */
@Module({})
export class ConsoleModule implements OnModuleInit {
  private readonly logger = new Logger(ConsoleModule.name);

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    // CLI commands boot the application without an HTTP server: nothing to serve then.
    if (!this.adapterHost.httpAdapter) return;
    const distDir = join(repositoryRoot(import.meta.dirname), 'admin', 'dist');
    if (!existsSync(join(distDir, 'index.html'))) {
      this.logger.warn(`The staff console at ${CONSOLE_PREFIX}/ is not built (${distDir} is missing): ${BUILD_COMMAND}`);
    }
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    void fastify.register(consoleRoutes, { prefix: CONSOLE_PREFIX, distDir });
  }
}

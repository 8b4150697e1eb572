import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { TokenService } from './token.service.js';

export const PURGE_INTERVAL_MS = 3600_000;

/**
 * Deletes expired refresh-token records every hour while the server runs (simplejwt leaves it to
 * a cron job running flushexpiredtokens; the command exists too). Only in a process that serves
 * HTTP, not in a CLI command's context. With WORKERS>1 every worker purges: the DELETE is
 * idempotent and cheap on the expiry index, so no process needs to be the one.
 */
@Injectable()
export class ExpiredTokenPurge implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Tokens');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly tokens: TokenService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.adapterHost.httpAdapter) return;
    this.timer = setInterval(() => void this.purge(), PURGE_INTERVAL_MS);
    // The purge never keeps the process alive on its own.
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async purge(): Promise<void> {
    try {
      const deleted = await this.tokens.flushExpired();
      if (deleted > 0) this.logger.log(`Deleted ${deleted} expired refresh token record(s)`);
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not delete expired refresh token records; trying again in an hour');
    }
  }
}

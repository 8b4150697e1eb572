import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { ThrottlerLimitDetail } from '@nestjs/throttler/dist/throttler.guard.interface.js';
import type { FastifyRequest } from 'fastify';
import { ThrottledError } from '../common/errors/domain-errors.js';
import { clientAddress } from './client-address.js';

/**
 * Per-address limit on the endpoints that send mail or create accounts (register, reset,
 * activation). Applied per route with @UseGuards, not globally.
 */
@Injectable()
export class SensitiveThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    return clientAddress(request as unknown as FastifyRequest);
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new ThrottledError(Math.max(1, detail.timeToBlockExpire || detail.timeToExpire));
  }
}

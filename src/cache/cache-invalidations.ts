import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';

type Handler = (key: string | null) => void;

/**
 * How a write tells every cache holding a copy to forget it. In one process that is a
 * function call; with REDIS_URL every instance (and every worker) hears it through Redis
 * pub/sub. Caches stay in each process's memory, so reads never pay a network round trip.
 */
export abstract class CacheInvalidations {
  private readonly handlers = new Map<string, Handler[]>();

  /** `key` null: forget everything on the channel. */
  abstract publish(channel: string, key: string | null): void;

  subscribe(channel: string, handler: Handler): void {
    this.handlers.set(channel, [...(this.handlers.get(channel) ?? []), handler]);
  }

  protected deliver(channel: string, key: string | null): void {
    for (const handler of this.handlers.get(channel) ?? []) handler(key);
  }
}

/** This process only (no REDIS_URL): other processes' copies expire by their TTL. */
export class LocalCacheInvalidations extends CacheInvalidations {
  publish(channel: string, key: string | null): void {
    this.deliver(channel, key);
  }
}

const REDIS_CHANNEL = 'storedeal:cache-invalidations';

/** Every instance sharing the Redis at REDIS_URL. */
export class RedisCacheInvalidations extends CacheInvalidations {
  private readonly logger = new Logger('CacheInvalidations');
  /** Our own messages come back from Redis: they were delivered here already. */
  private readonly origin = randomUUID();

  constructor(
    private readonly publisher: Redis,
    subscriber: Redis,
  ) {
    super();
    subscriber.on('message', (_channel: string, message: string) => {
      try {
        const { origin, channel, key } = JSON.parse(message) as { origin: string; channel: string; key: string | null };
        if (origin !== this.origin) this.deliver(channel, key);
      } catch {
        // Not ours to read.
      }
    });
    subscriber.subscribe(REDIS_CHANNEL).catch((error: unknown) => this.logger.error({ err: error }, 'cannot subscribe to cache invalidations'));
  }

  publish(channel: string, key: string | null): void {
    this.deliver(channel, key);
    // A lost message costs only freshness: every cache also expires its entries on its own.
    this.publisher
      .publish(REDIS_CHANNEL, JSON.stringify({ origin: this.origin, channel, key }))
      .catch((error: unknown) => this.logger.warn({ err: error }, 'cache invalidation not published'));
  }
}

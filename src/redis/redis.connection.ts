import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { Environment } from '../config/environment.js';

/**
 * The one Redis client of the process when REDIS_URL is set (rate-limit counters and cache
 * invalidations share it), or none. Subscribing needs a connection of its own: `subscriber()`.
 */
@Injectable()
export class RedisConnection implements OnApplicationShutdown {
  readonly client: Redis | null;
  private readonly subscribers: Redis[] = [];

  constructor(env: Environment) {
    this.client = env.REDIS_URL ? new Redis(env.REDIS_URL, { maxRetriesPerRequest: 2, enableOfflineQueue: true }) : null;
  }

  /** A second connection for SUBSCRIBE (a subscribed connection can run nothing else). */
  subscriber(): Redis {
    if (!this.client) throw new Error('REDIS_URL is not set');
    const connection = this.client.duplicate();
    this.subscribers.push(connection);
    return connection;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.subscribers, ...(this.client ? [this.client] : [])].map((connection) => connection.quit().catch(() => undefined)));
  }
}

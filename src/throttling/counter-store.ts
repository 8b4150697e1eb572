import type { Redis } from 'ioredis';

/** A fixed-window counter: how many hits a key has had, and when its window ends. */
export interface CounterState {
  count: number;
  msLeft: number;
}

/**
 * Where rate-limit counters live: in this process by default, in Redis when REDIS_URL is
 * set so that every instance behind a load balancer shares them.
 */
export abstract class CounterStore {
  /** Adds one hit; the window starts at a key's first hit. */
  abstract increment(key: string, windowMs: number): Promise<CounterState>;
  abstract peek(key: string): Promise<CounterState>;
  abstract close(): Promise<void>;
}

export class MemoryCounterStore extends CounterStore {
  private readonly counters = new Map<string, { count: number; expiresAt: number }>();
  private readonly sweeper = setInterval(() => this.sweep(), 60_000).unref();

  async increment(key: string, windowMs: number): Promise<CounterState> {
    const now = Date.now();
    let counter = this.counters.get(key);
    if (!counter || counter.expiresAt <= now) {
      counter = { count: 0, expiresAt: now + windowMs };
      this.counters.set(key, counter);
    }
    counter.count += 1;
    return { count: counter.count, msLeft: counter.expiresAt - now };
  }

  async peek(key: string): Promise<CounterState> {
    const now = Date.now();
    const counter = this.counters.get(key);
    if (!counter || counter.expiresAt <= now) return { count: 0, msLeft: 0 };
    return { count: counter.count, msLeft: counter.expiresAt - now };
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, counter] of this.counters) if (counter.expiresAt <= now) this.counters.delete(key);
  }
}

// INCR and set the expiry only on the first hit, atomically, so the window is fixed.
const INCREMENT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}`;

/** Counters in the process's shared Redis client (RedisConnection closes it). */
export class RedisCounterStore extends CounterStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'storedeal:rate:',
  ) {
    super();
  }

  async increment(key: string, windowMs: number): Promise<CounterState> {
    const [count, msLeft] = (await this.redis.eval(INCREMENT_SCRIPT, 1, this.prefix + key, windowMs)) as [number, number];
    return { count, msLeft };
  }

  async peek(key: string): Promise<CounterState> {
    const [count, msLeft] = await Promise.all([this.redis.get(this.prefix + key), this.redis.pttl(this.prefix + key)]);
    if (count === null || msLeft <= 0) return { count: 0, msLeft: 0 };
    return { count: Number(count), msLeft };
  }

  async close(): Promise<void> {
    // The connection is RedisConnection's.
  }
}

import type { Redis } from 'ioredis';

/** A fixed-window counter: how many hits a key has had, and when its window ends. */
export interface CounterState {
  count: number;
  msLeft: number;
}

/** A counter and the number of hits at which it stops taking more. */
export interface LimitedCounter {
  key: string;
  limit: number;
}

/**
 * What incrementBelowLimits did: added a hit to every counter (`counts` after it, in the
 * order given), or nothing because `reached` (the index of the counter whose window ends
 * last among those at their limit) had reached its limit until `msLeft` from now.
 */
export type LimitedIncrement = { added: true; counts: number[] } | { added: false; reached: number; msLeft: number };

/**
 * Where rate-limit counters live: in this process by default, in the cluster primary with
 * WORKERS>1 (ClusterCounterStore), in Redis when REDIS_URL is set so that every instance
 * behind a load balancer shares them. Each operation is atomic.
 */
export abstract class CounterStore {
  /** Adds one hit; the window starts at a key's first hit. */
  abstract increment(key: string, windowMs: number): Promise<CounterState>;
  /** Adds one hit to every counter, unless one of them has reached its limit: then adds none. */
  abstract incrementBelowLimits(counters: LimitedCounter[], windowMs: number): Promise<LimitedIncrement>;
  /** Takes one hit back from each key (never below zero; its window stays as it is). */
  abstract decrement(keys: string[]): Promise<void>;
  abstract delete(key: string): Promise<void>;
  abstract close(): Promise<void>;
}

export class MemoryCounterStore extends CounterStore {
  private readonly counters = new Map<string, { count: number; expiresAt: number }>();
  private readonly sweeper = setInterval(() => this.sweep(), 60_000).unref();

  async increment(key: string, windowMs: number): Promise<CounterState> {
    const now = Date.now();
    const counter = this.hit(key, windowMs, now);
    return { count: counter.count, msLeft: counter.expiresAt - now };
  }

  async incrementBelowLimits(counters: LimitedCounter[], windowMs: number): Promise<LimitedIncrement> {
    const now = Date.now();
    let reached = -1;
    let msLeft = 0;
    counters.forEach(({ key, limit }, index) => {
      const counter = this.live(key, now);
      if (counter && counter.count >= limit && counter.expiresAt - now > msLeft) {
        reached = index;
        msLeft = counter.expiresAt - now;
      }
    });
    if (reached >= 0) return { added: false, reached, msLeft };
    return { added: true, counts: counters.map(({ key }) => this.hit(key, windowMs, now).count) };
  }

  async decrement(keys: string[]): Promise<void> {
    const now = Date.now();
    for (const key of keys) {
      const counter = this.live(key, now);
      if (counter && counter.count > 0) counter.count -= 1;
    }
  }

  async delete(key: string): Promise<void> {
    this.counters.delete(key);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
  }

  private live(key: string, now: number): { count: number; expiresAt: number } | undefined {
    const counter = this.counters.get(key);
    return counter && counter.expiresAt > now ? counter : undefined;
  }

  private hit(key: string, windowMs: number, now: number): { count: number; expiresAt: number } {
    let counter = this.live(key, now);
    if (!counter) {
      counter = { count: 0, expiresAt: now + windowMs };
      this.counters.set(key, counter);
    }
    counter.count += 1;
    return counter;
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

// ARGV[1] is the window, ARGV[1 + i] the limit of KEYS[i]. Returns {1, counts...} when every
// key took a hit, {0, reached index (1-based), ms left} when none did.
const INCREMENT_BELOW_LIMITS_SCRIPT = `
local reached, msLeft = 0, 0
for i, key in ipairs(KEYS) do
  local count = tonumber(redis.call('GET', key) or '0')
  if count >= tonumber(ARGV[i + 1]) then
    local ttl = redis.call('PTTL', key)
    if ttl < 0 then redis.call('PEXPIRE', key, ARGV[1]); ttl = tonumber(ARGV[1]) end
    if ttl > msLeft then reached, msLeft = i, ttl end
  end
end
if reached > 0 then return {0, reached, msLeft} end
local result = {1}
for i, key in ipairs(KEYS) do
  local count = redis.call('INCR', key)
  if count == 1 then redis.call('PEXPIRE', key, ARGV[1]) end
  result[i + 1] = count
end
return result`;

const DECREMENT_SCRIPT = `
for _, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') > 0 then redis.call('DECR', key) end
end
return 0`;

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

  async incrementBelowLimits(counters: LimitedCounter[], windowMs: number): Promise<LimitedIncrement> {
    const keys = counters.map(({ key }) => this.prefix + key);
    const limits = counters.map(({ limit }) => limit);
    const [added, ...rest] = (await this.redis.eval(INCREMENT_BELOW_LIMITS_SCRIPT, keys.length, ...keys, windowMs, ...limits)) as number[];
    if (added === 1) return { added: true, counts: rest };
    return { added: false, reached: rest[0] - 1, msLeft: rest[1] };
  }

  async decrement(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.redis.eval(DECREMENT_SCRIPT, keys.length, ...keys.map((key) => this.prefix + key));
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async close(): Promise<void> {
    // The connection is RedisConnection's.
  }
}

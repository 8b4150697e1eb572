import type { CacheInvalidations } from './cache-invalidations.js';

interface Entry<V> {
  value: V;
  expiresAt: number;
}

/**
 * Values kept in this process for at most `ttlMs`, forgotten at once in every process when a
 * write invalidates them (through CacheInvalidations). The TTL is the bound that holds even
 * without a message: a stale copy never outlives it.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  /** Loads in flight: concurrent misses of one key wait for the same load. */
  private readonly loading = new Map<string, Promise<V>>();

  constructor(
    private readonly channel: string,
    private readonly invalidations: CacheInvalidations,
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {
    invalidations.subscribe(channel, (key) => {
      if (key === null) {
        this.entries.clear();
        this.loading.clear();
      } else {
        this.entries.delete(key);
        this.loading.delete(key);
      }
    });
  }

  /** The cached value, or undefined when there is none or it expired. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt > this.now()) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  /**
   * The cached value, or `load()`'s, cached. However many requests miss at once, one load
   * runs. A load that an invalidation overtook is answered but not kept.
   */
  getOrLoad(key: string, load: () => Promise<V>): Promise<V> {
    const cached = this.get(key);
    if (cached !== undefined) return Promise.resolve(cached);
    const pending = this.loading.get(key);
    if (pending) return pending;
    const loaded = load().then(
      (value) => {
        if (this.loading.get(key) === loaded) {
          this.loading.delete(key);
          this.set(key, value);
        }
        return value;
      },
      (error: unknown) => {
        if (this.loading.get(key) === loaded) this.loading.delete(key);
        throw error;
      },
    );
    this.loading.set(key, loaded);
    return loaded;
  }

  set(key: string, value: V): void {
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) {
      // Oldest first: a Map iterates in insertion order.
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
  }

  /** Forgets `key` (or everything) here and in every other process. */
  invalidate(key: string | null = null): void {
    this.invalidations.publish(this.channel, key);
  }
}

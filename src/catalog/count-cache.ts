import type { CacheInvalidations } from '../cache/cache-invalidations.js';

/**
 * Row counts per distinct filter. An exact count(*) costs time in proportion to the table
 * (hundreds of milliseconds at a million rows, under load), so the listing never waits for
 * one once a count is known: an expired count is still served while one background query
 * refreshes it (stale-while-revalidate). A count expires after the TTL (1 s) or ten times
 * what it took to compute, whichever is longer, so refreshing a costly count keeps at most
 * a tenth of the database busy. Only the first request for a filter, or the first after a
 * write (in any process: see CacheInvalidations), waits for the count.
 */
interface Entry {
  value?: number;
  refreshedAt: number;
  /** How long the last count took, in ms. */
  cost: number;
  pending?: Promise<number>;
}

const COST_FACTOR = 10;

export class CountCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    invalidations: CacheInvalidations,
    channel: string,
    private readonly ttlMs = 1000,
    private readonly maxEntries = 1000,
    private readonly now: () => number = Date.now,
  ) {
    invalidations.subscribe(channel, () => this.entries.clear());
  }

  get(key: string, count: () => Promise<number>): Promise<number> {
    const entry = this.entries.get(key);
    if (entry?.value !== undefined) {
      if (!entry.pending && this.isExpired(entry)) {
        // The stale value is answered meanwhile; a failed refresh is retried by a later request.
        this.refresh(key, entry, count).catch(() => undefined);
      }
      return Promise.resolve(entry.value);
    }
    if (entry?.pending) return entry.pending;
    this.makeRoom();
    const fresh: Entry = { refreshedAt: this.now(), cost: 0 };
    this.entries.set(key, fresh);
    return this.refresh(key, fresh, count);
  }

  /** The count last known for `key`, however old, without counting. */
  peek(key: string): number | undefined {
    return this.entries.get(key)?.value;
  }

  /** A count found some other way (with the rows it counts, say): fresh from now. */
  set(key: string, value: number): void {
    const entry = this.entries.get(key);
    if (entry) {
      entry.value = value;
      entry.refreshedAt = this.now();
      return;
    }
    this.makeRoom();
    this.entries.set(key, { value, refreshedAt: this.now(), cost: 0 });
  }

  private isExpired(entry: Entry): boolean {
    return this.now() - entry.refreshedAt >= Math.max(this.ttlMs, COST_FACTOR * entry.cost);
  }

  private refresh(key: string, entry: Entry, count: () => Promise<number>): Promise<number> {
    const started = this.now();
    const pending = count().then(
      (value) => {
        entry.value = value;
        entry.refreshedAt = this.now();
        entry.cost = entry.refreshedAt - started;
        entry.pending = undefined;
        return value;
      },
      (error: unknown) => {
        entry.pending = undefined;
        // Nothing to serve: the next request counts again instead of seeing this failure.
        if (entry.value === undefined && this.entries.get(key) === entry) this.entries.delete(key);
        throw error;
      },
    );
    entry.pending = pending;
    return pending;
  }

  private makeRoom(): void {
    if (this.entries.size < this.maxEntries) return;
    for (const [key, entry] of this.entries) {
      if (!entry.pending && this.isExpired(entry)) this.entries.delete(key);
    }
    // Still full: drop the oldest (a Map iterates in insertion order).
    while (this.entries.size >= this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
  }
}

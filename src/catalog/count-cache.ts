/**
 * Row counts kept for about a second per distinct filter. An exact count(*) costs time in
 * proportion to the table (about a second at a million rows), so the listing shares one
 * count per filter per second instead of paying for it on every request. Concurrent
 * requests for the same filter wait on the same query.
 */
export class CountCache {
  private readonly entries = new Map<string, { expiresAt: number; count: Promise<number> }>();

  constructor(
    private readonly ttlMs = 1000,
    private readonly maxEntries = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, count: () => Promise<number>): Promise<number> {
    const now = this.now();
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > now) return entry.count;
    this.entries.delete(key);
    this.makeRoom(now);
    const pending = count();
    this.entries.set(key, { expiresAt: now + this.ttlMs, count: pending });
    // A failed count must not be served to the next requests.
    pending.catch(() => {
      if (this.entries.get(key)?.count === pending) this.entries.delete(key);
    });
    return pending;
  }

  /** Forgets every count: this process just changed the rows. */
  clear(): void {
    this.entries.clear();
  }

  private makeRoom(now: number): void {
    if (this.entries.size < this.maxEntries) return;
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now) this.entries.delete(key);
    }
    // Still full: drop the oldest (a Map iterates in insertion order).
    while (this.entries.size >= this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
  }
}

import { LocalCacheInvalidations } from '../cache/cache-invalidations.js';
import { CountCache } from './count-cache.js';

describe('CountCache', () => {
  let clock: number;
  const now = () => clock;
  beforeEach(() => {
    clock = 1_000_000;
  });

  it('serves a count for the TTL, then the stale count while one refresh runs', async () => {
    const cache = new CountCache(new LocalCacheInvalidations(), 'counts', 1000, 10, now);
    let finishRefresh!: (value: number) => void;
    const count = vi
      .fn<() => Promise<number>>()
      .mockResolvedValueOnce(5)
      .mockImplementationOnce(() => new Promise<number>((done) => (finishRefresh = done)));
    expect(await cache.get('a', count)).toBe(5);
    clock += 999;
    expect(await cache.get('a', count)).toBe(5);
    expect(count).toHaveBeenCalledTimes(1);
    clock += 1;
    expect(await cache.get('a', count)).toBe(5);
    expect(await cache.get('a', count)).toBe(5);
    expect(count).toHaveBeenCalledTimes(2);
    finishRefresh(6);
    await Promise.resolve();
    expect(await cache.get('a', count)).toBe(6);
  });

  it('keeps serving the stale count when a refresh fails, and retries later', async () => {
    const cache = new CountCache(new LocalCacheInvalidations(), 'counts', 1000, 10, now);
    expect(await cache.get('a', async () => 5)).toBe(5);
    clock += 1000;
    expect(await cache.get('a', () => Promise.reject(new Error('down')))).toBe(5);
    await Promise.resolve();
    expect(await cache.get('a', async () => 8)).toBe(5);
    await Promise.resolve();
    expect(await cache.get('a', async () => 9)).toBe(8);
  });

  it('waits longer before refreshing a count that is costly to compute', async () => {
    const cache = new CountCache(new LocalCacheInvalidations(), 'counts', 1000, 10, now);
    // This count takes 300 ms: it may then be served for 10 × 300 ms.
    const slow = vi.fn(async () => {
      clock += 300;
      return 5;
    });
    expect(await cache.get('a', slow)).toBe(5);
    clock += 2999;
    expect(await cache.get('a', slow)).toBe(5);
    expect(slow).toHaveBeenCalledTimes(1);
    clock += 1;
    await cache.get('a', slow);
    expect(slow).toHaveBeenCalledTimes(2);
  });

  it('keeps one count per key', async () => {
    const cache = new CountCache(new LocalCacheInvalidations(), 'counts', 1000, 10, now);
    expect(await cache.get('a', async () => 1)).toBe(1);
    expect(await cache.get('b', async () => 2)).toBe(2);
    expect(await cache.get('a', async () => 3)).toBe(1);
  });

  it('lets concurrent callers share one query', async () => {
    const cache = new CountCache(new LocalCacheInvalidations(), 'counts', 1000, 10, now);
    let resolve!: (value: number) => void;
    const count = vi.fn(() => new Promise<number>((done) => (resolve = done)));
    const first = cache.get('a', count);
    const second = cache.get('a', count);
    resolve(7);
    expect(await Promise.all([first, second])).toEqual([7, 7]);
    expect(count).toHaveBeenCalledTimes(1);
  });

  it('does not keep a failed count', async () => {
    const cache = new CountCache(new LocalCacheInvalidations(), 'counts', 1000, 10, now);
    await expect(cache.get('a', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('a', async () => 4)).toBe(4);
  });

  it('forgets everything when its channel is invalidated', async () => {
    const invalidations = new LocalCacheInvalidations();
    const cache = new CountCache(invalidations, 'counts', 1000, 10, now);
    await cache.get('a', async () => 1);
    invalidations.publish('counts', null);
    expect(await cache.get('a', async () => 2)).toBe(2);
  });

  it('takes a count found elsewhere as fresh, and tells a known count without counting', async () => {
    const cache = new CountCache(new LocalCacheInvalidations(), 'counts', 1000, 10, now);
    expect(cache.peek('a')).toBeUndefined();
    cache.set('a', 12);
    expect(cache.peek('a')).toBe(12);
    const count = vi.fn(async () => 13);
    expect(await cache.get('a', count)).toBe(12);
    clock += 1000;
    // An expired count is still told by peek; get refreshes it.
    expect(cache.peek('a')).toBe(12);
    expect(await cache.get('a', count)).toBe(12);
    expect(count).toHaveBeenCalledTimes(1);
    await Promise.resolve();
    expect(cache.peek('a')).toBe(13);
    clock += 1000;
    cache.set('a', 14);
    clock += 999;
    expect(await cache.get('a', count)).toBe(14);
    expect(count).toHaveBeenCalledTimes(1);
  });

  it('stays bounded, dropping the oldest key first', async () => {
    const cache = new CountCache(new LocalCacheInvalidations(), 'counts', 1000, 2, now);
    await cache.get('a', async () => 1);
    await cache.get('b', async () => 2);
    await cache.get('c', async () => 3);
    expect(await cache.get('b', async () => 20)).toBe(2);
    expect(await cache.get('a', async () => 10)).toBe(10);
  });
});

import { LocalCacheInvalidations } from './cache-invalidations.js';
import { TtlCache } from './ttl-cache.js';

describe('TtlCache', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => {
    clock = 1_000_000;
  });

  it('keeps a value for its TTL only', () => {
    const cache = new TtlCache<number>('test', new LocalCacheInvalidations(), 900, 10, now);
    cache.set('a', 1);
    clock += 899;
    expect(cache.get('a')).toBe(1);
    clock += 1;
    expect(cache.get('a')).toBeUndefined();
  });

  it('caches null as a value (a user that does not exist)', () => {
    const cache = new TtlCache<number | null>('test', new LocalCacheInvalidations(), 900, 10, now);
    cache.set('gone', null);
    expect(cache.get('gone')).toBeNull();
  });

  it('forgets a key, or everything, in every cache on the channel', () => {
    const invalidations = new LocalCacheInvalidations();
    const here = new TtlCache<number>('users', invalidations, 900, 10, now);
    const there = new TtlCache<number>('users', invalidations, 900, 10, now);
    const elsewhere = new TtlCache<number>('other', invalidations, 900, 10, now);
    for (const cache of [here, there, elsewhere]) {
      cache.set('1', 1);
      cache.set('2', 2);
    }
    here.invalidate('1');
    expect([here.get('1'), there.get('1'), elsewhere.get('1')]).toEqual([undefined, undefined, 1]);
    expect(there.get('2')).toBe(2);
    there.invalidate();
    expect([here.get('2'), there.get('2'), elsewhere.get('2')]).toEqual([undefined, undefined, 2]);
  });

  it('drops the oldest entry when full', () => {
    const cache = new TtlCache<number>('test', new LocalCacheInvalidations(), 900, 2, now);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 2, 3]);
  });
});

describe('TtlCache.getOrLoad', () => {
  it('runs one load for concurrent misses and caches its value', async () => {
    const cache = new TtlCache<number>('test', new LocalCacheInvalidations(), 900);
    let loads = 0;
    const load = async () => {
      loads += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return 42;
    };
    expect(await Promise.all([cache.getOrLoad('k', load), cache.getOrLoad('k', load), cache.getOrLoad('k', load)])).toEqual([42, 42, 42]);
    expect(await cache.getOrLoad('k', load)).toBe(42);
    expect(loads).toBe(1);
  });

  it('does not keep a value whose load an invalidation overtook, nor a failure', async () => {
    const cache = new TtlCache<number>('test', new LocalCacheInvalidations(), 900);
    let release: (value: number) => void = () => undefined;
    const slow = cache.getOrLoad('k', () => new Promise<number>((resolve) => (release = resolve)));
    cache.invalidate('k');
    release(1);
    expect(await slow).toBe(1);
    expect(cache.get('k')).toBeUndefined();
    await expect(cache.getOrLoad('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.getOrLoad('k', async () => 2)).toBe(2);
  });
});

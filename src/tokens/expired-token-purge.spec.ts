import { Logger } from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import { ExpiredTokenPurge, PURGE_INTERVAL_MS } from './expired-token-purge.js';
import type { TokenService } from './token.service.js';

describe('ExpiredTokenPurge', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function purgeWith(flushExpired: () => Promise<number>, serving: boolean) {
    const tokens = { flushExpired: vi.fn(flushExpired) };
    const host = { httpAdapter: serving ? {} : undefined } as unknown as HttpAdapterHost;
    return { tokens, purge: new ExpiredTokenPurge(tokens as unknown as TokenService, host) };
  }

  it('purges every hour in a process that serves HTTP, and stops when the module is destroyed', async () => {
    const { tokens, purge } = purgeWith(async () => 3, true);
    purge.onApplicationBootstrap();
    await vi.advanceTimersByTimeAsync(PURGE_INTERVAL_MS - 1);
    expect(tokens.flushExpired).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(tokens.flushExpired).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(PURGE_INTERVAL_MS);
    expect(tokens.flushExpired).toHaveBeenCalledTimes(2);

    purge.onModuleDestroy();
    await vi.advanceTimersByTimeAsync(3 * PURGE_INTERVAL_MS);
    expect(tokens.flushExpired).toHaveBeenCalledTimes(2);
  });

  it('never runs in a CLI command (an application context without an HTTP adapter)', async () => {
    const { tokens, purge } = purgeWith(async () => 0, false);
    purge.onApplicationBootstrap();
    await vi.advanceTimersByTimeAsync(3 * PURGE_INTERVAL_MS);
    expect(tokens.flushExpired).not.toHaveBeenCalled();
    purge.onModuleDestroy();
  });

  it('logs a failed purge (a database outage) and keeps going', async () => {
    const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    let calls = 0;
    const { tokens, purge } = purgeWith(async () => {
      calls += 1;
      if (calls === 1) throw new Error('database down');
      return 0;
    }, true);
    purge.onApplicationBootstrap();
    await vi.advanceTimersByTimeAsync(2 * PURGE_INTERVAL_MS);
    expect(tokens.flushExpired).toHaveBeenCalledTimes(2);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][1]).toMatch(/^Could not delete expired refresh token records/);
    purge.onModuleDestroy();
    warn.mockRestore();
  });
});

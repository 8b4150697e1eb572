import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { RedisConnection } from '../redis/redis.connection.js';
import { CounterStore, MemoryCounterStore, RedisCounterStore } from './counter-store.js';

@Module({
  providers: [
    {
      provide: CounterStore,
      inject: [RedisConnection],
      useFactory: (redis: RedisConnection): CounterStore => (redis.client ? new RedisCounterStore(redis.client) : new MemoryCounterStore()),
    },
  ],
  exports: [CounterStore],
})
export class CounterStoreModule implements OnApplicationShutdown {
  constructor(@Inject(CounterStore) private readonly store: CounterStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Environment } from '../config/environment.js';
import { CounterStore, MemoryCounterStore, RedisCounterStore } from './counter-store.js';

@Module({
  providers: [
    {
      provide: CounterStore,
      inject: [Environment],
      useFactory: (env: Environment): CounterStore =>
        env.REDIS_URL ? new RedisCounterStore(env.REDIS_URL) : new MemoryCounterStore(),
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

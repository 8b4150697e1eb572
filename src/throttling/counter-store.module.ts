import cluster from 'node:cluster';
import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { RedisConnection } from '../redis/redis.connection.js';
import { ClusterCounterStore } from './cluster-counter-store.js';
import { CounterStore, MemoryCounterStore, RedisCounterStore } from './counter-store.js';

function counterStore(redis: RedisConnection): CounterStore {
  if (redis.client) return new RedisCounterStore(redis.client);
  // A worker of main.ts's primary, which holds the counters of every worker.
  if (cluster.isWorker) return new ClusterCounterStore();
  return new MemoryCounterStore();
}

@Module({
  providers: [
    {
      provide: CounterStore,
      inject: [RedisConnection],
      useFactory: counterStore,
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

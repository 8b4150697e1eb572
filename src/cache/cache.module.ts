import { Global, Module } from '@nestjs/common';
import { RedisConnection } from '../redis/redis.connection.js';
import { CacheInvalidations, LocalCacheInvalidations, RedisCacheInvalidations } from './cache-invalidations.js';

/** Cache invalidations for every module: through Redis when REDIS_URL is set, in this process otherwise. */
@Global()
@Module({
  providers: [
    {
      provide: CacheInvalidations,
      inject: [RedisConnection],
      useFactory: (redis: RedisConnection): CacheInvalidations =>
        redis.client ? new RedisCacheInvalidations(redis.client, redis.subscriber()) : new LocalCacheInvalidations(),
    },
  ],
  exports: [CacheInvalidations],
})
export class CacheModule {}

import { Global, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { Environment } from '../config/environment.js';
import { CounterStore } from './counter-store.js';
import { CounterStoreModule } from './counter-store.module.js';
import { CounterThrottlerStorage } from './counter-throttler-storage.js';
import { LoginAttemptsService } from './login-attempts.service.js';
import { SensitiveThrottlerGuard } from './sensitive-throttler.guard.js';

@Global()
@Module({
  imports: [
    CounterStoreModule,
    ThrottlerModule.forRootAsync({
      imports: [CounterStoreModule],
      inject: [Environment, CounterStore],
      useFactory: (env: Environment, store: CounterStore) => ({
        throttlers: [{ name: 'sensitive', limit: env.SENSITIVE_RATE_LIMIT, ttl: env.SENSITIVE_RATE_WINDOW * 1000 }],
        storage: new CounterThrottlerStorage(store),
      }),
    }),
  ],
  providers: [LoginAttemptsService, SensitiveThrottlerGuard],
  exports: [LoginAttemptsService, SensitiveThrottlerGuard, ThrottlerModule],
})
export class ThrottlingModule {}

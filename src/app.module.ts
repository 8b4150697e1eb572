import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from './auth/auth.module.js';
import { CartModule } from './cart/cart.module.js';
import { CatalogModule } from './catalog/catalog.module.js';
import { ConsoleModule } from './console/console.module.js';
import { JwtAuthGuard } from './auth/jwt-auth.guard.js';
import { DrfExceptionFilter } from './common/errors/drf-exception.filter.js';
import { DrfValidationPipe } from './common/validation/drf-validation.pipe.js';
import { AppConfigModule } from './config/config.module.js';
import { Environment } from './config/environment.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { HealthModule } from './health/health.module.js';
import { HomeModule } from './home/home.module.js';
import { OrdersModule } from './orders/orders.module.js';
import { RedisModule } from './redis/redis.module.js';
import { SqlModule } from './database/sql.js';
import { CacheModule } from './cache/cache.module.js';
import { ThrottlingModule } from './throttling/throttling.module.js';
import { UsersModule } from './users/users.module.js';

export interface AppModuleOptions {
  /** The settings, validated once (loadEnvironment). */
  env: Environment;
  /** Where PostgreSQL is: DATABASE_URL, or the embedded server main.ts started. */
  databaseUrl: string;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(options.env),
        TypeOrmModule.forRootAsync({
          inject: [Environment],
          useFactory: (env: Environment) =>
            dataSourceOptions({
              url: options.databaseUrl,
              poolSize: env.DB_POOL_SIZE,
              migrationsRun: env.MIGRATIONS_RUN,
            }),
        }),
        SqlModule,
        RedisModule,
        CacheModule,
        ThrottlingModule,
        HealthModule,
        HomeModule,
        UsersModule,
        AuthModule,
        CatalogModule,
        CartModule,
        OrdersModule,
        ConsoleModule,
      ],
      providers: [
        { provide: APP_PIPE, useClass: DrfValidationPipe },
        { provide: APP_FILTER, useClass: DrfExceptionFilter },
        { provide: APP_GUARD, useExisting: JwtAuthGuard },
      ],
    };
  }
}

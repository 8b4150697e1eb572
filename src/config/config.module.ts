import { DynamicModule, Global, Module } from '@nestjs/common';
import { AuthSecret } from './auth-secret.js';
import { Environment } from './environment.js';

/** The validated settings (see loadEnvironment) and the signing key, for injection everywhere. */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(env: Environment): DynamicModule {
    return {
      module: AppConfigModule,
      providers: [{ provide: Environment, useValue: env }, AuthSecret],
      exports: [Environment, AuthSecret],
    };
  }
}

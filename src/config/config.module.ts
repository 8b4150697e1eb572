import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AuthSecret } from './auth-secret.js';
import { loadEnvironment } from './config.js';
import { Environment, validateEnvironment } from './environment.js';

/**
 * Validates the environment once at boot (a bad value stops the app with a message naming
 * the variable) and provides it as the typed `Environment` for injection everywhere.
 */
@Global()
@Module({
  imports: [ConfigModule.forRoot({ cache: true, validate: validateEnvironment })],
  providers: [
    // ConfigModule.forRoot has already merged `.env` into the process environment.
    { provide: Environment, useFactory: loadEnvironment },
    AuthSecret,
  ],
  exports: [Environment, AuthSecret],
})
export class AppConfigModule {}

import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthSecret } from '../config/auth-secret.js';
import { RefreshToken } from './entities/refresh-token.entity.js';
import { TokenService } from './token.service.js';

/**
 * simplejwt's tokens: signing and checking them, and the refresh-token records behind
 * blacklisting. The one owner of the refresh_tokens table: auth issues and checks tokens
 * through it, users ends a user's sessions through it.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([RefreshToken]),
    JwtModule.registerAsync({
      inject: [AuthSecret],
      useFactory: (secret: AuthSecret) => ({ secret: secret.key, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  providers: [TokenService],
  exports: [TokenService],
})
export class TokensModule {}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RefreshToken } from './entities/refresh-token.entity.js';
import { ExpiredTokenPurge } from './expired-token-purge.js';
import { TokenService } from './token.service.js';

/**
 * simplejwt's tokens: signing and checking them, and the refresh-token records behind
 * blacklisting. The one owner of the refresh_tokens table: auth issues and checks tokens
 * through it, users ends a user's sessions through it. Expired records are purged hourly.
 */
@Module({
  imports: [TypeOrmModule.forFeature([RefreshToken])],
  providers: [TokenService, ExpiredTokenPurge],
  exports: [TokenService],
})
export class TokensModule {}

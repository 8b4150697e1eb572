import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailModule } from '../mail/mail.module.js';
import { TokensModule } from '../tokens/tokens.module.js';
import { User } from './entities/user.entity.js';
import { AccountsController } from './accounts.controller.js';
import { AccountsService } from './accounts.service.js';
import { Principals } from './principals.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([User]), MailModule, TokensModule],
  controllers: [UsersController, AccountsController],
  providers: [UsersService, AccountsService, Principals],
  exports: [UsersService],
})
export class UsersModule {}

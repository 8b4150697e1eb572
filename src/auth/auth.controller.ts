import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { clientAddress } from '../throttling/client-address.js';
import { AuthService } from './auth.service.js';
import { LoginDto, RefreshDto, VerifyDto } from './dto/token-requests.dto.js';
import { AccessTokenResponseDto, TokenPairResponseDto } from './dto/token-responses.dto.js';
import { Public } from './public.decorator.js';

/** simplejwt's token endpoints under /auth/jwt/. */
@ApiTags('auth')
@Public()
@Controller('auth/jwt')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Log in: a refresh and an access token for a username and password. */
  @Post('create')
  @HttpCode(200)
  create(@Body() dto: LoginDto, @Req() request: FastifyRequest): Promise<TokenPairResponseDto> {
    return this.auth.login(dto.username, dto.password, clientAddress(request));
  }

  /** A new access token for a refresh token. */
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() dto: RefreshDto): Promise<AccessTokenResponseDto> {
    return this.auth.refresh(dto.refresh);
  }

  /** 200 `{}` when the token is valid. */
  @Post('verify')
  @HttpCode(200)
  async verify(@Body() dto: VerifyDto): Promise<Record<string, never>> {
    await this.auth.verify(dto.token);
    return {};
  }

  /** Log out: the refresh token can no longer be used. */
  @Post('blacklist')
  @HttpCode(200)
  async blacklist(@Body() dto: RefreshDto): Promise<Record<string, never>> {
    await this.auth.logout(dto.refresh);
    return {};
  }
}

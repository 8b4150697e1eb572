import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiErrorResponse, ApiThrottledResponse, ERROR_EXAMPLES } from '../common/openapi/error-responses.js';
import { clientAddress } from '../throttling/client-address.js';
import { AuthService } from './auth.service.js';
import { LoginDto, RefreshDto, VerifyDto } from './dto/token-requests.dto.js';
import { AccessTokenResponseDto, TokenPairResponseDto } from './dto/token-responses.dto.js';
import { IgnoresCredentials } from '../common/auth/public.decorator.js';
import { NoStore } from '../common/http/no-store.js';
import { TokenWrongType } from '../tokens/token.errors.js';

const EMPTY_OBJECT = { schema: { type: 'object', additionalProperties: false, example: {} } } as const;
const REFRESH_REFUSED = {
  schema: 'TokenError',
  description: 'The refresh token is invalid, expired or blacklisted, or it is an access token.',
  examples: {
    invalid: { summary: 'Invalid or expired', value: ERROR_EXAMPLES.invalidToken },
    blacklisted: { summary: 'Blacklisted (logged out)', value: ERROR_EXAMPLES.blacklistedToken },
    wrongType: { summary: 'An access token', value: new TokenWrongType().body() },
  },
} as const;

/**
 * simplejwt's token endpoints under /auth/jwt/. They ignore any Authorization header, so a
 * client holding an expired access token can still refresh or log in.
 */
@ApiTags('auth')
@IgnoresCredentials()
@Controller('auth/jwt')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Log in: a refresh and an access token for a username and password. */
  @Post('create')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPairResponseDto, description: 'A refresh and an access token.' })
  @NoStore()
  @ApiErrorResponse(401, {
    schema: 'ErrorDetail',
    description: 'Wrong password, unknown user or inactive account (the same answer for all three).',
    examples: { credentials: { summary: 'Bad credentials', value: { detail: 'No active account found with the given credentials' } } },
  })
  @ApiThrottledResponse('Too many failed logins for this username from this address (LOGIN_FAILURE_LIMIT), from this address (LOGIN_ADDRESS_FAILURE_LIMIT) or for this username (LOGIN_USER_FAILURE_LIMIT) within LOGIN_FAILURE_WINDOW; until the window passes, even the right password answers 429.')
  create(@Body() dto: LoginDto, @Req() request: FastifyRequest): Promise<TokenPairResponseDto> {
    return this.auth.login(dto.username, dto.password, clientAddress(request));
  }

  /** A new access token for a refresh token. */
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: AccessTokenResponseDto, description: 'A new access token (and a new refresh token when rotation is on).' })
  @NoStore()
  @ApiErrorResponse(401, REFRESH_REFUSED)
  refresh(@Body() dto: RefreshDto): Promise<AccessTokenResponseDto> {
    return this.auth.refresh(dto.refresh);
  }

  /** 200 `{}` when the token is valid. */
  @Post('verify')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The token is valid.', ...EMPTY_OBJECT })
  @ApiErrorResponse(401, {
    schema: 'TokenError',
    description: 'The token is invalid or expired.',
    examples: { invalid: { summary: 'Invalid or expired', value: ERROR_EXAMPLES.invalidToken } },
  })
  async verify(@Body() dto: VerifyDto): Promise<Record<string, never>> {
    await this.auth.verify(dto.token);
    return {};
  }

  /** Log out: the refresh token can no longer be used. */
  @Post('blacklist')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Logged out: the refresh token is blacklisted.', ...EMPTY_OBJECT })
  @ApiErrorResponse(401, REFRESH_REFUSED)
  async blacklist(@Body() dto: RefreshDto): Promise<Record<string, never>> {
    await this.auth.logout(dto.refresh);
    return {};
  }
}

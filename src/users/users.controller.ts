import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser } from '../common/auth/current-user.decorator.js';
import { Public } from '../common/auth/public.decorator.js';
import { NoStore } from '../common/http/no-store.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { ApiErrorResponse, ApiThrottledResponse } from '../common/openapi/error-responses.js';
import { ApiPaginatedResponse } from '../common/openapi/pagination.js';
import { buildPage, Page, PageQueryDto, pageRequest } from '../common/pagination/pagination.js';
import { DrfValidationPipe } from '../common/validation/drf-validation.pipe.js';
import { SensitiveThrottlerGuard } from '../throttling/sensitive-throttler.guard.js';
import {
  CurrentPasswordDto,
  EmailDto,
  RegisterUserDto,
  ResetPasswordConfirmDto,
  ResetUsernameConfirmDto,
  SetPasswordDto,
  SetUsernameDto,
  UidAndTokenDto,
  UpdateUserDto,
} from './dto/user-requests.dto.js';
import { UserResponseDto } from './dto/user-response.dto.js';
import {
  InvalidAccountToken,
  InvalidCurrentPassword,
  InvalidUid,
  PasswordRejected,
  PasswordsDoNotMatch,
  StaleActivationToken,
  UsernameTaken,
} from './users.errors.js';
import { UsersService } from './users.service.js';

const SENSITIVE_LIMIT = 'Too many account requests from this address (SENSITIVE_RATE_LIMIT per SENSITIVE_RATE_WINDOW).';
const INVALID_PASSWORD = new InvalidCurrentPassword().body();
const INVALID_UID = new InvalidUid().body();
const INVALID_TOKEN = new InvalidAccountToken().body();
/** Validates a body inside a handler, after checks Djoser makes before reading it. */
const BODY = new DrfValidationPipe();

/**
 * Djoser's UserViewSet under /auth/users/. Security and the common error responses in the
 * OpenAPI document follow from @Public and the routes (src/common/openapi/openapi-document.ts).
 */
@ApiTags('users')
@Controller('auth/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Register: Djoser's `POST /auth/users/` with the password typed twice. */
  @Public()
  @UseGuards(SensitiveThrottlerGuard)
  @Post()
  @ApiOperation({ operationId: 'users_create' })
  @ApiCreatedResponse({ type: UserResponseDto, description: 'The new user (`email` is `""` when none was given).' })
  @NoStore(201)
  @ApiErrorResponse(400, {
    examples: {
      taken: { summary: 'Username taken', value: new UsernameTaken('username').body() },
      mismatch: { summary: 'Passwords differ', value: new PasswordsDoNotMatch().body() },
      weak: {
        summary: 'Password rules',
        value: new PasswordRejected('password', [
          'This password is too short. It must contain at least 8 characters.',
          'This password is too common.',
        ]).body(),
      },
    },
  })
  @ApiThrottledResponse(SENSITIVE_LIMIT)
  async register(@Body() dto: RegisterUserDto): Promise<UserResponseDto> {
    return UserResponseDto.from(await this.users.register(dto));
  }

  /** Users: a non-staff user sees only themself, staff see everyone. */
  @Get()
  @ApiPaginatedResponse(UserResponseDto, 'A page of users, by id.')
  @NoStore()
  async list(@CurrentUser() viewer: AuthUser, @Query() query: PageQueryDto, @Req() request: FastifyRequest): Promise<Page<UserResponseDto>> {
    const page = pageRequest(query);
    const { count, users } = await this.users.list(viewer, page);
    return buildPage(request, page, count, users.map(UserResponseDto.from));
  }

  /** The authenticated user. */
  @Get('me')
  @ApiOkResponse({ type: UserResponseDto })
  @NoStore()
  async me(@CurrentUser() viewer: AuthUser): Promise<UserResponseDto> {
    return UserResponseDto.from(await this.users.getVisible(viewer, viewer.id));
  }

  /** Changes the authenticated user's email (the username changes only through set_username). */
  @Put('me')
  @ApiOkResponse({ type: UserResponseDto })
  @NoStore()
  async replaceMe(@CurrentUser() viewer: AuthUser, @Body() dto: UpdateUserDto): Promise<UserResponseDto> {
    return UserResponseDto.from(await this.users.update(viewer, viewer.id, dto));
  }

  /** Changes the authenticated user's email (the username changes only through set_username). */
  @Patch('me')
  @ApiOkResponse({ type: UserResponseDto })
  @NoStore()
  async updateMe(@CurrentUser() viewer: AuthUser, @Body() dto: UpdateUserDto): Promise<UserResponseDto> {
    return UserResponseDto.from(await this.users.update(viewer, viewer.id, dto));
  }

  /** Deletes the authenticated user's account; the current password confirms it. */
  @Delete('me')
  @HttpCode(204)
  @ApiBody({ type: CurrentPasswordDto })
  @ApiNoContentResponse({ description: 'The account is gone.' })
  @ApiErrorResponse(400, { examples: { password: { summary: 'Wrong password', value: INVALID_PASSWORD } } })
  async deleteMe(@CurrentUser() viewer: AuthUser, @Body() dto: CurrentPasswordDto): Promise<void> {
    await this.users.delete(viewer, viewer.id, dto.current_password);
  }

  /** Changes the password (`re_new_password` is accepted and ignored, as in Djoser's defaults). */
  @Post('set_password')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Changed.' })
  @ApiErrorResponse(400, {
    examples: {
      password: { summary: 'Wrong current password', value: INVALID_PASSWORD },
      weak: { summary: 'Password rules', value: new PasswordRejected('new_password', ['This password is entirely numeric.']).body() },
    },
  })
  async setPassword(@CurrentUser() viewer: AuthUser, @Body() dto: SetPasswordDto): Promise<void> {
    await this.users.setPassword(viewer, dto);
  }

  /** Changes the username. */
  @Post('set_username')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Changed.' })
  @ApiErrorResponse(400, {
    examples: {
      taken: { summary: 'Username taken', value: new UsernameTaken('new_username').body() },
      password: { summary: 'Wrong current password', value: INVALID_PASSWORD },
    },
  })
  async setUsername(@CurrentUser() viewer: AuthUser, @Body() dto: SetUsernameDto): Promise<void> {
    await this.users.setUsername(viewer, dto);
  }

  /** Mails a password reset link (uid and token) when the address belongs to an active user. */
  @Public()
  @UseGuards(SensitiveThrottlerGuard)
  @Post('reset_password')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Always, whether or not the address is known (no account enumeration).' })
  @ApiThrottledResponse(SENSITIVE_LIMIT)
  async resetPassword(@Body() dto: EmailDto): Promise<void> {
    await this.users.requestPasswordReset(dto.email);
  }

  /** Sets a new password with the uid and token from the reset mail. */
  @Public()
  @UseGuards(SensitiveThrottlerGuard)
  @Post('reset_password_confirm')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The password is changed.' })
  @ApiErrorResponse(400, {
    examples: { uid: { summary: 'Unknown uid', value: INVALID_UID }, token: { summary: 'Bad or used token', value: INVALID_TOKEN } },
  })
  @ApiThrottledResponse(SENSITIVE_LIMIT)
  async resetPasswordConfirm(@Body() dto: ResetPasswordConfirmDto): Promise<void> {
    await this.users.confirmPasswordReset(dto);
  }

  /** Mails a username reset link (uid and token) when the address belongs to an active user. */
  @Public()
  @UseGuards(SensitiveThrottlerGuard)
  @Post('reset_username')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Always, whether or not the address is known (no account enumeration).' })
  @ApiThrottledResponse(SENSITIVE_LIMIT)
  async resetUsername(@Body() dto: EmailDto): Promise<void> {
    await this.users.requestUsernameReset(dto.email);
  }

  /** Sets a new username with the uid and token from the reset mail. */
  @Public()
  @UseGuards(SensitiveThrottlerGuard)
  @Post('reset_username_confirm')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The username is changed.' })
  @ApiErrorResponse(400, {
    examples: { uid: { summary: 'Unknown uid', value: INVALID_UID }, token: { summary: 'Bad or used token', value: INVALID_TOKEN } },
  })
  @ApiThrottledResponse(SENSITIVE_LIMIT)
  async resetUsernameConfirm(@Body() dto: ResetUsernameConfirmDto): Promise<void> {
    await this.users.confirmUsernameReset(dto);
  }

  /** Activates an account with the uid and token from the activation mail. */
  @Public()
  @UseGuards(SensitiveThrottlerGuard)
  @Post('activation')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The account is active.' })
  @ApiErrorResponse(400, {
    examples: { uid: { summary: 'Unknown uid', value: INVALID_UID }, token: { summary: 'Bad token', value: INVALID_TOKEN } },
  })
  @ApiErrorResponse(403, {
    description: 'The account is already active.',
    examples: { stale: { summary: 'Already active', value: new StaleActivationToken().body() } },
  })
  @ApiThrottledResponse(SENSITIVE_LIMIT)
  async activate(@Body() dto: UidAndTokenDto): Promise<void> {
    await this.users.activate(dto);
  }

  /** Mails the activation link again to an inactive account with this address. */
  @Public()
  @UseGuards(SensitiveThrottlerGuard)
  @Post('resend_activation')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Sent (or nothing to send) when activation mail is enabled.' })
  @ApiErrorResponse(400, {
    description:
      'Field errors, or — when activation mail is disabled (`SEND_ACTIVATION_EMAIL=false`) — an empty body, as Djoser answers.',
    examples: { email: { summary: 'Missing email', value: { email: ['This field is required.'] } } },
    orEmpty: true,
  })
  @ApiThrottledResponse(SENSITIVE_LIMIT)
  async resendActivation(@Body() dto: EmailDto): Promise<void> {
    await this.users.resendActivation(dto.email);
  }

  /** A user: yourself, or anyone when you are staff (404 for anyone else's id). */
  @Get(':id')
  @ApiOkResponse({ type: UserResponseDto })
  @NoStore()
  async get(@CurrentUser() viewer: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<UserResponseDto> {
    return UserResponseDto.from(await this.users.getVisible(viewer, id));
  }

  /** Changes a user's email: yourself, or anyone when you are staff. */
  @Put(':id')
  @ApiOkResponse({ type: UserResponseDto })
  @NoStore()
  async replace(@CurrentUser() viewer: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateUserDto): Promise<UserResponseDto> {
    return UserResponseDto.from(await this.users.update(viewer, id, dto));
  }

  /** Changes a user's email: yourself, or anyone when you are staff. */
  @Patch(':id')
  @ApiOkResponse({ type: UserResponseDto })
  @NoStore()
  async update(@CurrentUser() viewer: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateUserDto): Promise<UserResponseDto> {
    return UserResponseDto.from(await this.users.update(viewer, id, dto));
  }

  /**
   * Deletes a user: yourself, or anyone when you are staff; your current password confirms it.
   * Someone else's account → 403 (Djoser hides other users behind 404 on GET, PUT and PATCH, not on DELETE).
   */
  @Delete(':id')
  @HttpCode(204)
  @ApiBody({ type: CurrentPasswordDto })
  @ApiNoContentResponse({ description: 'The account is gone.' })
  @ApiErrorResponse(400, { examples: { password: { summary: 'Wrong password', value: INVALID_PASSWORD } } })
  @ApiErrorResponse(403, { description: "Someone else's account, and you are not staff." })
  async delete(@CurrentUser() viewer: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() body: unknown): Promise<void> {
    // Djoser finds the user and checks the permission before it validates the body.
    await this.users.deletable(viewer, id);
    const dto = (await BODY.transform(body, { type: 'body', metatype: CurrentPasswordDto })) as CurrentPasswordDto;
    await this.users.delete(viewer, id, dto.current_password);
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Public } from '../auth/public.decorator.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { buildPage, Page, PageQueryDto, pageRequest } from '../common/pagination/pagination.js';
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
import { User } from './entities/user.entity.js';
import { UsersService } from './users.service.js';

/** Djoser's UserViewSet under /auth/users/. */
@ApiTags('users')
@ApiBearerAuth('jwt')
@Controller('auth/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Public()
  @UseGuards(SensitiveThrottlerGuard)
  @Post()
  async register(@Body() dto: RegisterUserDto): Promise<UserResponseDto> {
    return UserResponseDto.from(await this.users.register(dto));
  }

  @Get()
  async list(@CurrentUser() viewer: User, @Query() query: PageQueryDto, @Req() request: FastifyRequest): Promise<Page<UserResponseDto>> {
    const page = pageRequest(query);
    const { count, users } = await this.users.list(viewer, page);
    return buildPage(request, page, count, users.map(UserResponseDto.from));
  }

  @Get('me')
  me(@CurrentUser() viewer: User): UserResponseDto {
    return UserResponseDto.from(viewer);
  }

  @Put('me')
  async replaceMe(@CurrentUser() viewer: User, @Body() dto: UpdateUserDto): Promise<UserResponseDto> {
    return UserResponseDto.from(await this.users.update(viewer, viewer.id, dto));
  }

  @Patch('me')
  async updateMe(@CurrentUser() viewer: User, @Body() dto: UpdateUserDto): Promise<UserResponseDto> {
    return UserResponseDto.from(await this.users.update(viewer, viewer.id, dto));
  }

  @Delete('me')
  @HttpCode(204)
  async deleteMe(@CurrentUser() viewer: User, @Body() dto: CurrentPasswordDto): Promise<void> {
    await this.users.delete(viewer, viewer.id, dto.current_password);
  }

  @Post('set_password')
  @HttpCode(204)
  async setPassword(@CurrentUser() viewer: User, @Body() dto: SetPasswordDto): Promise<void> {
    await this.users.setPassword(viewer, dto);
  }

  @Post('set_username')
  @HttpCode(204)
  async setUsername(@CurrentUser() viewer: User, @Body() dto: SetUsernameDto): Promise<void> {
    await this.users.setUsername(viewer, dto);
  }

  @Public()
  @UseGuards(SensitiveThrottlerGuard)
  @Post('reset_password')
  @HttpCode(204)
  async resetPassword(@Body() dto: EmailDto): Promise<void> {
    await this.users.requestPasswordReset(dto.email);
  }

  @Public()
  @UseGuards(SensitiveThrottlerGuard)
  @Post('reset_password_confirm')
  @HttpCode(204)
  async resetPasswordConfirm(@Body() dto: ResetPasswordConfirmDto): Promise<void> {
    await this.users.confirmPasswordReset(dto);
  }

  @Public()
  @UseGuards(SensitiveThrottlerGuard)
  @Post('reset_username')
  @HttpCode(204)
  async resetUsername(@Body() dto: EmailDto): Promise<void> {
    await this.users.requestUsernameReset(dto.email);
  }

  @Public()
  @UseGuards(SensitiveThrottlerGuard)
  @Post('reset_username_confirm')
  @HttpCode(204)
  async resetUsernameConfirm(@Body() dto: ResetUsernameConfirmDto): Promise<void> {
    await this.users.confirmUsernameReset(dto);
  }

  @Public()
  @UseGuards(SensitiveThrottlerGuard)
  @Post('activation')
  @HttpCode(204)
  async activate(@Body() dto: UidAndTokenDto): Promise<void> {
    await this.users.activate(dto);
  }

  @Public()
  @UseGuards(SensitiveThrottlerGuard)
  @Post('resend_activation')
  @HttpCode(204)
  async resendActivation(@Body() dto: EmailDto): Promise<void> {
    await this.users.resendActivation(dto.email);
  }

  @Get(':id')
  async get(@CurrentUser() viewer: User, @Param('id', ParseIdPipe) id: number): Promise<UserResponseDto> {
    return UserResponseDto.from(await this.users.getVisible(viewer, id));
  }

  @Put(':id')
  async replace(@CurrentUser() viewer: User, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateUserDto): Promise<UserResponseDto> {
    return UserResponseDto.from(await this.users.update(viewer, id, dto));
  }

  @Patch(':id')
  async update(@CurrentUser() viewer: User, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateUserDto): Promise<UserResponseDto> {
    return UserResponseDto.from(await this.users.update(viewer, id, dto));
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@CurrentUser() viewer: User, @Param('id', ParseIdPipe) id: number, @Body() dto: CurrentPasswordDto): Promise<void> {
    await this.users.delete(viewer, id, dto.current_password);
  }
}

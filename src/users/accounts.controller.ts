import { Body, Controller, Get, Param, Patch, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser } from '../common/auth/current-user.decorator.js';
import { StaffOnly } from '../common/auth/staff-only.guard.js';
import { NoStore } from '../common/http/no-store.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { ApiErrorResponse } from '../common/openapi/error-responses.js';
import { ApiPaginatedResponse } from '../common/openapi/pagination.js';
import { buildPage, Page, pageRequest } from '../common/pagination/pagination.js';
import { AccountsService } from './accounts.service.js';
import { AccountListQueryDto, AccountResponseDto, UpdateAccountDto } from './dto/account.dto.js';
import { OwnAccountChange } from './users.errors.js';

/** Staff only: every account, with the flags Djoser's own endpoints never show. */
@ApiTags('accounts')
@StaffOnly()
@Controller('accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  /** Accounts, by id unless `ordering` says otherwise; `search` matches username or email. */
  @Get()
  @ApiPaginatedResponse(AccountResponseDto, 'A page of accounts.')
  @NoStore()
  async list(@Query() query: AccountListQueryDto, @Req() request: FastifyRequest): Promise<Page<AccountResponseDto>> {
    const page = pageRequest(query);
    const { count, accounts } = await this.accounts.list(
      { search: query.search, isActive: query.is_active, isStaff: query.is_staff, ordering: query.ordering },
      page,
    );
    return buildPage(request, page, count, accounts.map(AccountResponseDto.from));
  }

  /** Your own account; a non-staff caller gets 403 (the console uses this to tell staff from customers). */
  @Get('me')
  @ApiOkResponse({ type: AccountResponseDto })
  @NoStore()
  async me(@CurrentUser() viewer: AuthUser): Promise<AccountResponseDto> {
    return AccountResponseDto.from(await this.accounts.get(viewer.id));
  }

  @Get(':id')
  @ApiOkResponse({ type: AccountResponseDto })
  @NoStore()
  async get(@Param('id', ParseIdPipe) id: number): Promise<AccountResponseDto> {
    return AccountResponseDto.from(await this.accounts.get(id));
  }

  /** Deactivate or reactivate (a deactivated account is locked out at once), grant or revoke staff. */
  @Patch(':id')
  @ApiOkResponse({ type: AccountResponseDto })
  @NoStore()
  @ApiErrorResponse(409, {
    description: 'Your own account: another staff member must change it.',
    examples: { own: { summary: 'Own account', value: new OwnAccountChange().body() } },
  })
  async update(
    @CurrentUser() viewer: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: UpdateAccountDto,
  ): Promise<AccountResponseDto> {
    return AccountResponseDto.from(await this.accounts.change(viewer, id, { isActive: dto.is_active, isStaff: dto.is_staff }));
  }
}


import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '../../common/pagination/pagination.js';
import { BooleanField, StringField } from '../../common/validation/drf-fields.js';
import { BlankAsMissing } from '../../common/validation/query-values.js';
import type { User } from '../entities/user.entity.js';

const ACCOUNT_ORDERINGS = ['id', 'username', 'date_joined', 'last_login'];
const ORDERING_CHOICES = ACCOUNT_ORDERINGS.flatMap((field) => [field, `-${field}`]);

const TIME = { type: 'string', format: 'date-time', example: '2026-11-30T09:15:02.123Z' } as const;

/** An account as staff see it (GET /accounts/): never the password. */
export class AccountResponseDto {
  @ApiProperty({ type: 'integer', example: 17 })
  id: number;

  @ApiProperty({ example: 'alice' })
  username: string;

  @ApiProperty({ example: 'alice@example.com' })
  email: string;

  @ApiProperty({ example: 'Alice' })
  first_name: string;

  @ApiProperty({ example: 'Liddell' })
  last_name: string;

  /** False: the account cannot log in, and its tokens are refused. */
  @ApiProperty({ example: true })
  is_active: boolean;

  @ApiProperty({ example: false })
  is_staff: boolean;

  @ApiProperty({ example: false })
  is_superuser: boolean;

  @ApiProperty(TIME)
  date_joined: string;

  @ApiProperty({ ...TIME, nullable: true })
  last_login: string | null;

  static from(user: User): AccountResponseDto {
    return {
      id: user.id,
      username: user.username,
      email: user.email,
      first_name: user.firstName,
      last_name: user.lastName,
      is_active: user.isActive,
      is_staff: user.isStaff,
      is_superuser: user.isSuperuser,
      date_joined: user.dateJoined.toISOString(),
      last_login: user.lastLogin?.toISOString() ?? null,
    };
  }
}

/** GET /accounts/: search, two flags, ordering, pages. */
export class AccountListQueryDto extends PageQueryDto {
  @StringField({ required: false, allowBlank: true })
  search?: string;

  @BooleanField({ required: false })
  @BlankAsMissing()
  is_active?: boolean;

  @BooleanField({ required: false })
  @BlankAsMissing()
  is_staff?: boolean;

  /** Sort field, `-` for descending (default `id`); ties by id. */
  @ApiPropertyOptional({ enum: ORDERING_CHOICES })
  @StringField({
    required: false,
    allowBlank: true,
    validate: (value) => (ORDERING_CHOICES.includes(value) ? null : `"${value}" is not a valid choice.`),
  })
  ordering?: string;
}

/** PATCH /accounts/{id}/: lock an account out or let it back in, grant or revoke staff. */
export class UpdateAccountDto {
  @ApiPropertyOptional({ example: false })
  @BooleanField({ required: false })
  is_active?: boolean;

  @ApiPropertyOptional({ example: true })
  @BooleanField({ required: false })
  is_staff?: boolean;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { orderingPattern, parseOrderingKeys } from '../../common/pagination/ordering.js';
import { PageQueryDto } from '../../common/pagination/pagination.js';
import { BooleanField, StringField } from '../../common/validation/drf-fields.js';
import { BlankAsMissing } from '../../common/validation/query-values.js';
import type { User } from '../entities/user.entity.js';

export const ACCOUNT_ORDERINGS = ['id', 'username', 'date_joined', 'last_login'] as const;
const ORDERING_CHOICES = ACCOUNT_ORDERINGS.flatMap((field) => [field, `-${field}`]);

/** Django's choice message for the first term that names no field. */
function orderingProblem(value: string): string | null {
  const parsed = parseOrderingKeys(value, ACCOUNT_ORDERINGS);
  return 'invalid' in parsed ? `"${parsed.invalid[0]}" is not a valid choice.` : null;
}

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

  /** Sort fields, comma-separated as DRF's OrderingFilter takes them, `-` for descending (default `id`); ties by id. */
  @ApiPropertyOptional({
    type: 'string',
    pattern: orderingPattern(ACCOUNT_ORDERINGS),
    example: '-last_login,username',
    description: `One or more of ${ORDERING_CHOICES.join(', ')}, separated by commas.`,
  })
  @StringField({ required: false, allowBlank: true, validate: orderingProblem })
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

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EmailField, StringField } from '../../common/validation/drf-fields.js';
import { UsernameField } from './username.js';

/** POST /auth/users/ (Djoser's UserCreatePasswordRetypeSerializer). */
export class RegisterUserDto {
  /** At most 150 letters, digits and @/./+/-/_. */
  @ApiProperty({ maxLength: 150, example: 'alice' })
  @UsernameField()
  username: string;

  /** Checked by Django's four password validators. */
  @ApiProperty({ format: 'password', example: 'Velvet-Harbour-93' })
  @StringField()
  password: string;

  /** Must equal `password`. */
  @ApiProperty({ format: 'password', example: 'Velvet-Harbour-93' })
  @StringField()
  re_password: string;

  /** An email address, or "" for none. */
  @ApiPropertyOptional({ maxLength: 254, example: 'alice@example.com' })
  @EmailField({ required: false, allowBlank: true })
  email?: string;
}

/** PUT/PATCH /auth/users/{id}/: only the email can change here (the username via set_username). */
export class UpdateUserDto {
  /** An email address, or "" for none. */
  @ApiPropertyOptional({ maxLength: 254, example: 'alice@example.com' })
  @EmailField({ required: false, allowBlank: true })
  email?: string;
}

export class CurrentPasswordDto {
  @ApiProperty({ format: 'password' })
  @StringField()
  current_password: string;
}

export class SetPasswordDto extends CurrentPasswordDto {
  /** Checked by Django's four password validators. */
  @ApiProperty({ format: 'password' })
  @StringField()
  new_password: string;
}

export class SetUsernameDto extends CurrentPasswordDto {
  /** At most 150 letters, digits and @/./+/-/_. */
  @ApiProperty({ maxLength: 150, example: 'alice2' })
  @UsernameField()
  new_username: string;
}

export class EmailDto {
  @ApiProperty({ format: 'email', maxLength: 254, example: 'alice@example.com' })
  @EmailField()
  email: string;
}

export class UidAndTokenDto {
  /** From the mailed link. */
  @ApiProperty({ example: 'MQ' })
  @StringField()
  uid: string;

  /** From the mailed link. */
  @ApiProperty({ example: 'cx1y2z-0123456789abcdef0123456789abcdef' })
  @StringField()
  token: string;
}

export class ResetPasswordConfirmDto extends UidAndTokenDto {
  /** Checked by Django's four password validators. */
  @ApiProperty({ format: 'password' })
  @StringField()
  new_password: string;
}

export class ResetUsernameConfirmDto extends UidAndTokenDto {
  /** At most 150 letters, digits and @/./+/-/_. */
  @ApiProperty({ maxLength: 150, example: 'alice2' })
  @UsernameField()
  new_username: string;
}

import { EmailField, StringField } from '../../common/validation/drf-fields.js';
import { UsernameField } from './username.js';

/** POST /auth/users/ (Djoser's UserCreatePasswordRetypeSerializer). */
export class RegisterUserDto {
  /** At most 150 letters, digits and @/./+/-/_. */
  @UsernameField()
  username: string;

  /** Checked by Django's four password validators. */
  @StringField()
  password: string;

  /** Must equal `password`. */
  @StringField()
  re_password: string;

  @EmailField({ required: false, allowBlank: true })
  email?: string;
}

/** PUT/PATCH /auth/users/{id}/: only the email can change here (the username via set_username). */
export class UpdateUserDto {
  @EmailField({ required: false, allowBlank: true })
  email?: string;
}

export class CurrentPasswordDto {
  @StringField()
  current_password: string;
}

export class SetPasswordDto extends CurrentPasswordDto {
  @StringField()
  new_password: string;
}

export class SetUsernameDto extends CurrentPasswordDto {
  @UsernameField()
  new_username: string;
}

export class EmailDto {
  @EmailField()
  email: string;
}

export class UidAndTokenDto {
  @StringField()
  uid: string;

  @StringField()
  token: string;
}

export class ResetPasswordConfirmDto extends UidAndTokenDto {
  @StringField()
  new_password: string;
}

export class ResetUsernameConfirmDto extends UidAndTokenDto {
  @UsernameField()
  new_username: string;
}

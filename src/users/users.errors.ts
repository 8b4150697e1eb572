import { ConflictError, EmptyBadRequestError, FieldValidationError, PermissionDeniedError } from '../common/errors/domain-errors.js';
import { USERNAME_TAKEN } from './dto/username.js';

/** The accounts' outcomes, with Django's and Djoser's wording. */

const INVALID_PASSWORD = 'Invalid password.';
const INVALID_UID = "Invalid user id or user doesn't exist.";
const INVALID_TOKEN = 'Invalid token for given user.';

/** `field` names the username in the request (`username`, `new_username`). */
export class UsernameTaken extends FieldValidationError {
  constructor(field: string) {
    super({ [field]: [USERNAME_TAKEN] });
  }
}

/** Django's password validators refused it; every problem at once. */
export class PasswordRejected extends FieldValidationError {
  constructor(field: string, problems: string[]) {
    super({ [field]: problems });
  }
}

export class PasswordsDoNotMatch extends FieldValidationError {
  constructor() {
    super({ non_field_errors: ["The two password fields didn't match."] });
  }
}

export class InvalidCurrentPassword extends FieldValidationError {
  constructor() {
    super({ current_password: [INVALID_PASSWORD] });
  }
}

/** A reset or activation link whose uid names no user. */
export class InvalidUid extends FieldValidationError {
  constructor() {
    super({ uid: [INVALID_UID] });
  }
}

/** A reset or activation link whose token is not (or no longer) the user's. */
export class InvalidAccountToken extends FieldValidationError {
  constructor() {
    super({ token: [INVALID_TOKEN] });
  }
}

/** Djoser: activating an account that is already active. */
export class StaleActivationToken extends PermissionDeniedError {
  constructor() {
    super('Stale token for given user.');
  }
}

/** Djoser answers resend_activation with an empty 400 when activation mail is off. */
export class ActivationMailDisabled extends EmptyBadRequestError {}

/** Staff cannot lock themselves out or drop their own staff rights: another staff member must. */
export class OwnAccountChange extends ConflictError {
  constructor() {
    super('You cannot change is_active or is_staff of your own account; ask another staff member.', 'own_account');
  }
}

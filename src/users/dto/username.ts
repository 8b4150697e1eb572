import { StringField } from '../../common/validation/drf-fields.js';

// Django's UnicodeUsernameValidator.
const USERNAME_PATTERN = /^[\p{L}\p{N}_.@+-]+$/u;
export const INVALID_USERNAME =
  'Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.';
export const USERNAME_TAKEN = 'A user with that username already exists.';

/** A username field: at most 150 letters, digits and @.+-_ (Django's rules). */
export const UsernameField = () =>
  StringField({ maxLength: 150, validate: (value) => (USERNAME_PATTERN.test(value) ? null : INVALID_USERNAME) });

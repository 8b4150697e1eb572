import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { normalizeUsername, USERNAME_MAX_LENGTH } from '../../common/auth/usernames.js';
import { StringField } from '../../common/validation/drf-fields.js';
import { Msg } from '../../common/validation/drf-messages.js';

// Django's UnicodeUsernameValidator.
const USERNAME_PATTERN = /^[\p{L}\p{N}_.@+-]+$/u;
export const INVALID_USERNAME =
  'Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.';
export const USERNAME_TAKEN = 'A user with that username already exists.';

/** Django's rules on an already normalised username; a message, or null when it is acceptable. */
export function usernameProblem(username: string): string | null {
  if ([...username].length > USERNAME_MAX_LENGTH) return Msg.maxLength(USERNAME_MAX_LENGTH);
  return USERNAME_PATTERN.test(username) ? null : INVALID_USERNAME;
}

/**
 * A username field: trimmed, then normalised, then at most 150 letters, digits and @.+-_ —
 * the length and the characters checked on the normalised name (`ﬁ` counts as two).
 */
export const UsernameField = () =>
  applyDecorators(
    // class-transformer runs a property's transforms in the order they were declared: StringField's trim first.
    StringField({ maxLength: USERNAME_MAX_LENGTH, validate: (value) => usernameProblem(value) }),
    Transform(({ value }) => (typeof value === 'string' ? normalizeUsername(value) : value)),
  );

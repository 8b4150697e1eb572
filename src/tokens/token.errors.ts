import { AuthenticationError } from '../common/errors/domain-errors.js';

/** simplejwt's answers from jwt/refresh, jwt/verify and jwt/blacklist. */

export class TokenInvalid extends AuthenticationError {
  constructor() {
    super('Token is invalid or expired', 'token_not_valid');
  }
}

/** A valid token of the other type: an access token given to jwt/refresh or jwt/blacklist (simplejwt's verify_token_type). */
export class TokenWrongType extends AuthenticationError {
  constructor() {
    super('Token has wrong type', 'token_not_valid');
  }
}

export class TokenBlacklisted extends AuthenticationError {
  constructor() {
    super('Token is blacklisted', 'token_not_valid');
  }
}

/** simplejwt raises DRF's own AuthenticationFailed here, whose body is only the detail. */
export class NoActiveAccountForToken extends AuthenticationError {
  constructor() {
    super('No active account found for the given token.');
  }
}

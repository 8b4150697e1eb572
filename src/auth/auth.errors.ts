import { AuthenticationError } from '../common/errors/domain-errors.js';

/** jwt/create: wrong password, unknown user and inactive account look the same (simplejwt's wording). */
export class BadCredentials extends AuthenticationError {
  constructor() {
    super('No active account found with the given credentials');
  }
}

/** simplejwt's 401 for a bad access token on a protected endpoint. */
export class InvalidAccessToken extends AuthenticationError {
  constructor(message = 'Token is invalid or expired') {
    super('Given token not valid for any token type', 'token_not_valid', [{ token_class: 'AccessToken', token_type: 'access', message }]);
  }
}

/** One of our schemes followed by anything but exactly one token. */
export class BadAuthorizationHeader extends AuthenticationError {
  constructor() {
    super('Authorization header must contain two space-delimited values', 'bad_authorization_header');
  }
}

export class TokenWithoutUser extends AuthenticationError {
  constructor() {
    super('Token contained no recognizable user identification', 'token_not_valid');
  }
}

export class TokenUserNotFound extends AuthenticationError {
  constructor() {
    super('User not found', 'user_not_found');
  }
}

export class TokenUserInactive extends AuthenticationError {
  constructor() {
    super('User is inactive', 'user_inactive');
  }
}

/**
 * Errors services throw. They carry meaning, not HTTP: the global filter turns each into
 * the contract's DRF body.
 */
export type FieldErrors = Record<string, string[]>;

export abstract class DomainError extends Error {}

/** 400 with a DRF field map, e.g. `{"username": ["A user with that username already exists."]}`. */
export class FieldValidationError extends DomainError {
  constructor(readonly fields: FieldErrors) {
    super('Invalid input.');
  }

  static of(field: string, ...messages: string[]): FieldValidationError {
    return new FieldValidationError({ [field]: messages });
  }
}

/** 400 `{"detail": ...}` for a body that cannot be read at all (malformed JSON). */
export class MalformedRequestError extends DomainError {
  constructor(readonly detail: string) {
    super(detail);
  }
}

/** 404 `{"detail": "Not found."}`. */
export class NotFoundError extends DomainError {
  constructor(readonly detail = 'Not found.') {
    super(detail);
  }
}

/** 403 `{"detail": ...}`. */
export class PermissionDeniedError extends DomainError {
  constructor(readonly detail = 'You do not have permission to perform this action.') {
    super(detail);
  }
}

/** 409 `{"detail": ...}`: the request conflicts with data that exists. */
export class ConflictError extends DomainError {
  constructor(readonly detail: string) {
    super(detail);
  }
}

/** 401 with simplejwt's body: `detail`, optional `code` and `messages`. */
export class AuthenticationError extends DomainError {
  constructor(
    readonly detail: string,
    readonly code?: string,
    readonly messages?: Array<Record<string, string>>,
  ) {
    super(detail);
  }

  body(): Record<string, unknown> {
    return {
      detail: this.detail,
      ...(this.code ? { code: this.code } : {}),
      ...(this.messages ? { messages: this.messages } : {}),
    };
  }
}

/** 429 with DRF's wording and a Retry-After header. */
export class ThrottledError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(`Request was throttled. Expected available in ${retryAfterSeconds} seconds.`);
  }
}

/** 400 with an empty body: Djoser's answer to resend_activation when activation is off. */
export class EmptyBadRequestError extends DomainError {}

/**
 * Errors services throw. Each names an outcome and carries its data; its status and DRF body
 * are defined with it, so the global filter renders every one the same way and the OpenAPI
 * examples quote the very bodies the API sends. Modules subclass these in their own
 * `<module>.errors.ts` (e.g. `InsufficientStock`, `UsernameTaken`), one place per module.
 */

/** DRF's field map; a nested serializer's errors nest under its field. */
export type FieldErrors = { [field: string]: string[] | FieldErrors };

export abstract class DomainError extends Error {
  abstract readonly status: number;

  /** The response body; undefined for an empty one. */
  abstract body(): unknown;

  headers(): Record<string, string> | undefined {
    return undefined;
  }
}

/** `{"detail": "…"}`, with simplejwt's and our machine-readable `code` when there is one, and any extra fields. */
abstract class DetailError extends DomainError {
  constructor(
    readonly detail: string,
    readonly code?: string,
    private readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }

  body(): Record<string, unknown> {
    return { detail: this.detail, ...(this.code ? { code: this.code } : {}), ...this.extra };
  }
}

/** 400 with a DRF field map, e.g. `{"username": ["A user with that username already exists."]}`. */
export class FieldValidationError extends DomainError {
  readonly status = 400;

  constructor(readonly fields: FieldErrors) {
    super('Invalid input.');
  }

  static of(field: string, ...messages: string[]): FieldValidationError {
    return new FieldValidationError({ [field]: messages });
  }

  body(): FieldErrors {
    return this.fields;
  }
}

/** 400 `{"detail": ...}` for a body that cannot be read at all (malformed JSON). */
export class MalformedRequestError extends DetailError {
  readonly status = 400;
}

/** 400 with an empty body: Djoser's answer to resend_activation when activation is off. */
export class EmptyBadRequestError extends DomainError {
  readonly status = 400;

  body(): undefined {
    return undefined;
  }
}

/** 401 with simplejwt's body: `detail`, optional `code` and `messages`. */
export class AuthenticationError extends DetailError {
  readonly status = 401;

  constructor(detail: string, code?: string, messages?: Array<Record<string, string>>) {
    super(detail, code, messages ? { messages } : {});
  }

  override headers(): Record<string, string> {
    return UNAUTHENTICATED_HEADERS;
  }
}

export const UNAUTHENTICATED_HEADERS = { 'WWW-Authenticate': 'Bearer realm="api"' };

/** 403 `{"detail": ...}`. */
export class PermissionDeniedError extends DetailError {
  readonly status = 403;

  constructor(detail = 'You do not have permission to perform this action.') {
    super(detail);
  }
}

/** 404 `{"detail": "Not found."}` (the filter turns it into 405 where the path exists for other methods). */
export class NotFoundError extends DetailError {
  readonly status = 404;

  constructor(detail = 'Not found.') {
    super(detail);
  }
}

/** 409 `{"detail": ..., "code"?: ...}`: the request conflicts with data that exists, or with a request in flight. */
export class ConflictError extends DetailError {
  readonly status = 409;
}

/** 422 `{"detail": ..., "code": ...}`: well-formed, but it cannot be carried out as asked. */
export class UnprocessableError extends DetailError {
  readonly status = 422;
}

/** 429 with DRF's wording and a Retry-After header. */
export class ThrottledError extends DetailError {
  readonly status = 429;

  constructor(readonly retryAfterSeconds: number) {
    super(`Request was throttled. Expected available in ${retryAfterSeconds} seconds.`);
  }

  override headers(): Record<string, string> {
    return { 'Retry-After': String(this.retryAfterSeconds) };
  }
}

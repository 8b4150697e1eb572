import { ApiResponse } from '@nestjs/swagger';
import type { ExampleObject, HeaderObject, ReferenceObject, ResponseObject, SchemaObject } from '@nestjs/swagger';

/**
 * The DRF error bodies (see drf-exception.filter.ts) as reusable OpenAPI schemas and
 * responses. Most operations get their error responses automatically (openapi-document.ts
 * derives them from each route's guards, body, parameters and path); @ApiErrorResponse adds
 * the ones only a handler knows about (409, 429, a specific 403 or 401) with its own examples.
 */

export const ERROR_SCHEMAS: Record<string, SchemaObject> = {
  ErrorDetail: {
    type: 'object',
    description: 'DRF\'s body for every error that is not about one field: `{"detail": "…"}`.',
    properties: { detail: { type: 'string', example: 'Not found.' } },
    required: ['detail'],
  },
  ValidationErrors: {
    type: 'object',
    description:
      'DRF\'s field errors: one key per invalid field (or query parameter) with all of its messages; ' +
      'problems that involve several fields are under `non_field_errors`. A nested object\'s errors nest under its ' +
      'field (`{"shipping_address": {"city": ["This field is required."]}}`).',
    additionalProperties: {
      anyOf: [
        { type: 'array', items: { type: 'string' } },
        { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
      ],
    },
    example: { username: ['A user with that username already exists.'], password: ['This password is too common.'] },
  },
  TokenErrorMessage: {
    type: 'object',
    properties: {
      token_class: { type: 'string', example: 'AccessToken' },
      token_type: { type: 'string', example: 'access' },
      message: { type: 'string', example: 'Token is invalid or expired' },
    },
    required: ['token_class', 'token_type', 'message'],
  },
  TokenError: {
    type: 'object',
    description:
      'simplejwt\'s body for a token that is bad, expired, of the wrong type or blacklisted. Clients refresh the ' +
      'access token when `code` is `token_not_valid`.',
    properties: {
      detail: { type: 'string', example: 'Given token not valid for any token type' },
      code: { type: 'string', example: 'token_not_valid', description: '`token_not_valid`, `user_not_found` or `user_inactive`.' },
      messages: { type: 'array', items: { $ref: '#/components/schemas/TokenErrorMessage' } },
    },
    required: ['detail'],
  },
};

const ref = (name: keyof typeof ERROR_SCHEMAS & string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });

export const detail = (text: string) => ({ detail: text });

/** Example bodies, quoted from the contract (API.md). */
export const ERROR_EXAMPLES = {
  notAuthenticated: detail('Authentication credentials were not provided.'),
  invalidAccessToken: {
    detail: 'Given token not valid for any token type',
    code: 'token_not_valid',
    messages: [{ token_class: 'AccessToken', token_type: 'access', message: 'Token is invalid or expired' }],
  },
  invalidToken: { detail: 'Token is invalid or expired', code: 'token_not_valid' },
  blacklistedToken: { detail: 'Token is blacklisted', code: 'token_not_valid' },
  permissionDenied: detail('You do not have permission to perform this action.'),
  notFound: detail('Not found.'),
  invalidPage: detail('Invalid page.'),
  methodNotAllowed: detail('Method "PATCH" not allowed.'),
  malformedJson: detail('JSON parse error - Unexpected end of JSON input'),
  fieldRequired: { product_id: ['This field is required.'] },
  tooLarge: detail('Request body is too large.'),
  unsupportedMediaType: detail('Unsupported media type "text/plain" in request.'),
  conflict: detail('This conflicts with existing data.'),
  throttled: detail('Request was throttled. Expected available in 60 seconds.'),
  unavailable: detail('Service temporarily unavailable.'),
  serverError: detail('A server error occurred.'),
} as const;

export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 500 | 503;

const examples = (entries: Record<string, { summary: string; value: unknown }>): Record<string, ExampleObject> => entries;

const RETRY_AFTER: Record<string, HeaderObject> = {
  'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer', example: 60 } },
};
const WWW_AUTHENTICATE: Record<string, HeaderObject> = {
  'WWW-Authenticate': { description: 'Always `Bearer realm="api"`.', schema: { type: 'string', example: 'Bearer realm="api"' } },
};

interface StandardError {
  /** Name under components.responses. */
  name: string;
  schema: SchemaObject | ReferenceObject;
  description: string;
  examples: Record<string, ExampleObject>;
  headers?: Record<string, HeaderObject>;
}

/** The usual meaning of each error status, as the automatic responses document it. */
export const STANDARD_ERRORS: Record<ErrorStatus, StandardError> = {
  400: {
    name: 'BadRequest',
    // anyOf, not oneOf: the two shapes are told apart by their keys, and a schema must not
    // depend on them excluding each other.
    schema: { anyOf: [ref('ValidationErrors'), ref('ErrorDetail')] },
    description:
      'Invalid input. Field problems: `{"<field>": ["<message>", …]}` (DRF\'s exact messages, every invalid field at once, ' +
      'cross-field ones under `non_field_errors`). A body that is not valid JSON: `{"detail": "JSON parse error - …"}`.',
    examples: examples({
      field: { summary: 'A field is invalid', value: ERROR_EXAMPLES.fieldRequired },
      json: { summary: 'Malformed JSON', value: ERROR_EXAMPLES.malformedJson },
    }),
  },
  401: {
    name: 'Unauthorized',
    // anyOf: `{"detail": …}` alone fits both shapes, so a oneOf refused every 401 without a token.
    schema: { anyOf: [ref('ErrorDetail'), ref('TokenError')] },
    description:
      'No credentials (`{"detail": "Authentication credentials were not provided."}`), or an access token that is bad, ' +
      'expired or of the wrong type (`code: "token_not_valid"`: refresh it with `POST /auth/jwt/refresh/` and retry).',
    examples: examples({
      missing: { summary: 'No Authorization header', value: ERROR_EXAMPLES.notAuthenticated },
      invalid: { summary: 'Expired or invalid access token', value: ERROR_EXAMPLES.invalidAccessToken },
    }),
    headers: WWW_AUTHENTICATE,
  },
  403: {
    name: 'Forbidden',
    schema: ref('ErrorDetail'),
    description: 'Authenticated, but not allowed to do this.',
    examples: examples({ denied: { summary: 'Not allowed', value: ERROR_EXAMPLES.permissionDenied } }),
  },
  404: {
    name: 'NotFound',
    schema: ref('ErrorDetail'),
    description: 'No such object (or it belongs to someone else, or the id is not an integer).',
    examples: examples({ notFound: { summary: 'Unknown id', value: ERROR_EXAMPLES.notFound } }),
  },
  405: {
    name: 'MethodNotAllowed',
    schema: ref('ErrorDetail'),
    description: 'The path exists but not with this method; the `Allow` header lists the methods it has.',
    examples: examples({ method: { summary: 'Wrong method', value: ERROR_EXAMPLES.methodNotAllowed } }),
    headers: { Allow: { description: 'The methods this path answers.', schema: { type: 'string', example: 'GET, POST' } } },
  },
  409: {
    name: 'Conflict',
    schema: ref('ErrorDetail'),
    description: 'The request conflicts with existing data.',
    examples: examples({ conflict: { summary: 'Conflict', value: ERROR_EXAMPLES.conflict } }),
  },
  413: {
    name: 'PayloadTooLarge',
    schema: ref('ErrorDetail'),
    description: 'The body is larger than the server accepts (1 MiB unless configured with `BODY_LIMIT`).',
    examples: examples({ tooLarge: { summary: 'Body too large', value: ERROR_EXAMPLES.tooLarge } }),
  },
  415: {
    name: 'UnsupportedMediaType',
    schema: ref('ErrorDetail'),
    description: 'The body is neither JSON nor a form (`application/x-www-form-urlencoded`, `multipart/form-data`).',
    examples: examples({ mediaType: { summary: 'Unsupported Content-Type', value: ERROR_EXAMPLES.unsupportedMediaType } }),
  },
  422: {
    name: 'UnprocessableEntity',
    schema: ref('ErrorDetail'),
    description: 'Well-formed, but it cannot be carried out as asked.',
    examples: examples({ unprocessable: { summary: 'Unprocessable', value: detail('Idempotency-Key was already used with a different request.') } }),
  },
  429: {
    name: 'TooManyRequests',
    schema: ref('ErrorDetail'),
    description: 'Rate limited; `Retry-After` says for how many seconds.',
    examples: examples({ throttled: { summary: 'Throttled', value: ERROR_EXAMPLES.throttled } }),
    headers: RETRY_AFTER,
  },
  500: {
    name: 'InternalServerError',
    schema: ref('ErrorDetail'),
    description: 'Anything unexpected: always this body, never a stack trace or SQL (the error is in the server\'s log).',
    examples: examples({ serverError: { summary: 'Server error', value: ERROR_EXAMPLES.serverError } }),
  },
  503: {
    name: 'ServiceUnavailable',
    schema: ref('ErrorDetail'),
    description: 'The database is unavailable; try again shortly.',
    examples: examples({ unavailable: { summary: 'Database unavailable', value: ERROR_EXAMPLES.unavailable } }),
  },
};

/** The reusable response for a status, for components.responses. */
export function standardErrorResponse(status: ErrorStatus): ResponseObject {
  const error = STANDARD_ERRORS[status];
  return {
    description: error.description,
    ...(error.headers ? { headers: error.headers } : {}),
    content: { 'application/json': { schema: error.schema, examples: error.examples } },
  };
}

/** `{"$ref": "#/components/responses/NotFound"}` and friends. */
export function standardErrorRef(status: ErrorStatus): ReferenceObject {
  return { $ref: `#/components/responses/${STANDARD_ERRORS[status].name}` };
}

export const STANDARD_ERROR_RESPONSES: Record<string, ResponseObject> = Object.fromEntries(
  (Object.keys(STANDARD_ERRORS) as unknown as ErrorStatus[]).map((status) => [
    STANDARD_ERRORS[status].name,
    standardErrorResponse(Number(status) as ErrorStatus),
  ]),
);

export interface ErrorResponseOptions {
  /** What this status means for this endpoint; the standard description otherwise. */
  description?: string;
  /** Example bodies for this endpoint, by name; the standard ones otherwise. */
  examples?: Record<string, { summary: string; value: unknown }>;
  /** The body's schema when it is narrower than the standard one (e.g. only ErrorDetail). */
  schema?: 'ErrorDetail' | 'ValidationErrors' | 'TokenError';
  /**
   * The response may also have no body at all (Djoser's `Response(status=400)`): DRF renders
   * its `None` as nothing, so the body is documented as field errors or null.
   */
  orEmpty?: true;
}

/** null and nothing else: no body at all (OpenAPI 3.0 says null with a nullable type and an enum of null). */
const NO_BODY: SchemaObject = { type: 'string', nullable: true, enum: [null], description: 'No body at all (and no Content-Type).' };

/**
 * Documents one DRF error response on a handler, in the standard shape for its status, with
 * this endpoint's description and examples. Responses the automatic rules would add anyway
 * only need this when the endpoint has something specific to say.
 */
export function ApiErrorResponse(status: ErrorStatus, options: ErrorResponseOptions = {}) {
  const standard = STANDARD_ERRORS[status];
  return ApiResponse({
    status,
    description: options.description ?? standard.description,
    schema: withEmpty(options.schema ? ref(options.schema) : standard.schema, options.orEmpty),
    examples: options.examples ?? standard.examples,
    ...(standard.headers ? { headers: standard.headers } : {}),
  } as Parameters<typeof ApiResponse>[0]);
}

function withEmpty(schema: SchemaObject | ReferenceObject, orEmpty?: true): SchemaObject | ReferenceObject {
  if (!orEmpty) return schema;
  const shapes = 'anyOf' in schema && schema.anyOf ? schema.anyOf : [schema];
  return { anyOf: [...shapes, NO_BODY] };
}

/** 429 on a rate-limited endpoint, saying what is being limited. */
export const ApiThrottledResponse = (what: string) =>
  ApiErrorResponse(429, { description: `${what} \`Retry-After\` says for how many seconds to wait.` });

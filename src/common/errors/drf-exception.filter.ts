import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RouteMethods } from '../http/route-methods.js';
import { isDatabaseUnavailable, sqlState } from './database-errors.js';
import { DomainError, NotFoundError, UNAUTHENTICATED_HEADERS } from './domain-errors.js';

export interface ErrorResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const DEFAULT_DETAIL: Record<number, string> = {
  400: 'Bad request.',
  401: 'Authentication credentials were not provided.',
  403: 'You do not have permission to perform this action.',
  404: 'Not found.',
  408: 'Request timeout.',
  409: 'Conflict.',
  413: 'Request body is too large.',
  429: 'Request was throttled.',
  503: 'Service temporarily unavailable.',
};
const SERVER_ERROR = { detail: 'A server error occurred.' };

/** Fastify's own errors (body parsing, limits) carry a code and a status. */
function fastifyError(error: unknown): { statusCode: number } | undefined {
  const candidate = error as { code?: unknown; statusCode?: unknown };
  if (typeof candidate?.code === 'string' && candidate.code.startsWith('FST_') && typeof candidate.statusCode === 'number') {
    return { statusCode: candidate.statusCode };
  }
  return undefined;
}

function unsupportedMediaType(request: FastifyRequest): ErrorResponse {
  return { status: 415, body: { detail: `Unsupported media type "${request.headers['content-type'] ?? ''}" in request.` } };
}

function fromFastifyError(error: { statusCode: number }, request: FastifyRequest): ErrorResponse {
  if (error.statusCode === 415) return unsupportedMediaType(request);
  if (error.statusCode >= 400 && error.statusCode < 500) {
    return { status: error.statusCode, body: { detail: DEFAULT_DETAIL[error.statusCode] ?? 'Bad request.' } };
  }
  return { status: 500, body: SERVER_ERROR };
}

function methodNotAllowed(request: FastifyRequest, routes: RouteMethods): ErrorResponse {
  return { status: 405, body: { detail: `Method "${request.method}" not allowed.` }, headers: { Allow: routes.allowHeaderFor(request.url) } };
}

/** DRF answers OPTIONS on any known path: 200, `Allow`, and its metadata (CORS preflights never get here). */
function options(request: FastifyRequest, routes: RouteMethods): ErrorResponse | null {
  const metadata = routes.optionsMetadata(request.url);
  return metadata && { status: 200, body: metadata, headers: { Allow: routes.allowHeaderFor(request.url) } };
}

/** 404, or 405 when the path names an action that exists for other methods (see RouteMethods). */
function notFound(request: FastifyRequest, detail: string): ErrorResponse {
  const routes = RouteMethods.of(request.server);
  const allowed = routes?.staticAllowedFor(request.url) ?? [];
  if (routes && allowed.length > 0 && !allowed.includes(request.method)) return methodNotAllowed(request, routes);
  return { status: 404, body: { detail } };
}

function fromHttpException(exception: HttpException, request: FastifyRequest): ErrorResponse {
  const status = exception.getStatus();
  if (status === HttpStatus.NOT_FOUND && exception.message.startsWith('Cannot ')) {
    const routes = RouteMethods.of(request.server);
    if (routes && request.method === 'OPTIONS') {
      const answer = options(request, routes);
      if (answer) return answer;
    } else if (routes && routes.allowedFor(request.url).length > 0) {
      return methodNotAllowed(request, routes);
    }
  }
  if (status === HttpStatus.UNAUTHORIZED) {
    return { status, body: { detail: DEFAULT_DETAIL[401] }, headers: UNAUTHENTICATED_HEADERS };
  }
  if (status === HttpStatus.UNSUPPORTED_MEDIA_TYPE) return unsupportedMediaType(request);
  if (status >= 500) return { status, body: status === 503 ? { detail: DEFAULT_DETAIL[503] } : SERVER_ERROR };
  const response = exception.getResponse();
  const detail = typeof response === 'object' && response !== null && 'detail' in response ? response : undefined;
  return { status, body: detail ?? { detail: DEFAULT_DETAIL[status] ?? exception.message } };
}

/** Maps any error to the contract's status and DRF body. Pure, so unit tests can cover it. */
export function toErrorResponse(exception: unknown, request: FastifyRequest): ErrorResponse {
  if (exception instanceof NotFoundError) return notFound(request, exception.detail);
  if (exception instanceof DomainError) {
    const headers = exception.headers();
    return { status: exception.status, body: exception.body(), ...(headers ? { headers } : {}) };
  }
  if (exception instanceof HttpException) return fromHttpException(exception, request);
  const fastify = fastifyError(exception);
  if (fastify) return fromFastifyError(fastify, request);
  if (isDatabaseUnavailable(exception)) return { status: 503, body: { detail: DEFAULT_DETAIL[503] } };
  switch (sqlState(exception)) {
    case '23505':
      return { status: 409, body: { detail: 'This conflicts with existing data.' } };
    case '23503':
    case '23001':
      return { status: 409, body: { detail: 'This refers to data that does not exist or is still in use.' } };
    case '23514':
    case '23502':
    case '22P02':
    case '22003':
    case '22001':
    case '22021':
      return { status: 400, body: { detail: 'Invalid input.' } };
    case '40001':
    case '40P01':
      return { status: 503, body: { detail: DEFAULT_DETAIL[503] }, headers: { 'Retry-After': '1' } };
  }
  return { status: 500, body: SERVER_ERROR };
}

@Catch()
export class DrfExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<FastifyRequest>();
    const reply = context.getResponse<FastifyReply>();
    const response = toErrorResponse(exception, request);
    if (response.status >= 500) {
      this.logger.error({ err: exception, reply }, 'request failed');
    }
    if (reply.sent) return;
    reply.status(response.status);
    for (const [name, value] of Object.entries(response.headers ?? {})) reply.header(name, value);
    if (response.body === undefined) {
      reply.send();
    } else {
      reply.header('Content-Type', 'application/json; charset=utf-8').send(JSON.stringify(response.body));
    }
  }
}

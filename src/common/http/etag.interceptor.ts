import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import type { HeaderObject } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, Observable } from 'rxjs';
import { etagMatches, weakETag } from './etag.js';

/**
 * Caches may keep a copy but must revalidate it on every use: a staff edit shows at once,
 * and an unchanged resource costs a 304 without a body.
 */
export const REVALIDATE_CACHE_CONTROL = 'public, max-age=0, must-revalidate';

/**
 * For GET routes answering JSON: an ETag computed from the body, and 304 with no body when
 * `If-None-Match` matches. The body is serialized here once and sent as is.
 */
@Injectable()
export class ETagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    return next.handle().pipe(
      map((body: unknown) => {
        const json = JSON.stringify(body);
        const etag = weakETag(json);
        reply.header('ETag', etag).header('Cache-Control', REVALIDATE_CACHE_CONTROL);
        if (etagMatches(request.headers['if-none-match'], etag)) {
          reply.status(304);
          return undefined;
        }
        reply.header('Content-Type', 'application/json; charset=utf-8');
        return json;
      }),
    );
  }
}

/** weakETag('{"id":1,"name":"Phones"}'). */
const EXAMPLE_ETAG = 'W/"lVR8bf1g3OYhelFfwSgynfslSIY"';

/** What the interceptor sets on every answer it handles, the 200 and the 304 alike. */
const ETAG_RESPONSE_HEADERS: Record<string, HeaderObject> = {
  ETag: {
    description: 'Weak validator of this body; send it back in `If-None-Match` to revalidate.',
    required: true,
    schema: { type: 'string', example: EXAMPLE_ETAG },
  },
  'Cache-Control': {
    description: 'Caches may keep a copy but must revalidate it on every use.',
    required: true,
    schema: { type: 'string', example: REVALIDATE_CACHE_CONTROL },
  },
};

/**
 * Adds ETag / If-None-Match revalidation to a GET route, and documents it: the `If-None-Match`
 * request header, the `ETag` and `Cache-Control` headers of the 200 and a 304 without a body.
 *
 * Put it below the route's success response (`@ApiOkResponse`, `@ApiPaginatedResponse`):
 * decorators apply bottom-up, and @nestjs/swagger merges this 200 entry (headers only) with the
 * one declared for the route; applied after it, the unset `type` here would replace the route's
 * (`npm run openapi:check` then reports "200 has no body schema").
 */
export const WithETag = () =>
  applyDecorators(
    UseInterceptors(ETagInterceptor),
    ApiHeader({
      name: 'If-None-Match',
      required: false,
      description: 'The `ETag` of a copy you hold (several, comma-separated, or `*`). While it matches → 304 with no body.',
      schema: { type: 'string', example: EXAMPLE_ETAG },
    }),
    ApiResponse({ status: 200, headers: ETAG_RESPONSE_HEADERS }),
    ApiResponse({
      status: 304,
      description: 'Not Modified: `If-None-Match` matches the current `ETag`. No body; the copy you hold is current.',
      headers: ETAG_RESPONSE_HEADERS,
    }),
  );

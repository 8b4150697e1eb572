import { applyDecorators } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import type { HeaderObject } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { etagMatches, weakETag } from './etag.js';

/**
 * Caches may keep a copy but must revalidate it on every use: a staff edit shows at once,
 * and an unchanged resource costs a 304 without a body.
 */
export const REVALIDATE_CACHE_CONTROL = 'public, max-age=0, must-revalidate';

/**
 * For GET routes marked @WithETag: an ETag computed from the serialized body, and 304 with no
 * body when `If-None-Match` matches. A Fastify onSend hook rather than a Nest interceptor: it
 * hashes the body Fastify has already serialized, with no RxJS pipeline per request.
 */
export function registerETags(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (!(request.routeOptions.config as { etag?: boolean }).etag || reply.statusCode !== 200 || typeof payload !== 'string') {
      done(null, payload);
      return;
    }
    const etag = weakETag(payload);
    reply.header('ETag', etag).header('Cache-Control', REVALIDATE_CACHE_CONTROL);
    if (etagMatches(request.headers['if-none-match'], etag)) {
      reply.code(304);
      done(null, '');
      return;
    }
    done(null, payload);
  });
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
    RouteConfig({ etag: true }),
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

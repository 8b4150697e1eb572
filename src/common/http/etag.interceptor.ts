import { CallHandler, ExecutionContext, Injectable, NestInterceptor, UseInterceptors } from '@nestjs/common';
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

/** Adds ETag / If-None-Match revalidation to a GET route. */
export const WithETag = () => UseInterceptors(ETagInterceptor);

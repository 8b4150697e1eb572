import { BadRequestException, NotFoundException, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import {
  AuthenticationError,
  ConflictError,
  FieldValidationError,
  MalformedRequestError,
  NotFoundError,
  PermissionDeniedError,
  ThrottledError,
} from './domain-errors.js';
import { toErrorResponse } from './drf-exception.filter.js';

const request = { url: '/products/', method: 'GET', headers: {}, server: {} } as unknown as FastifyRequest;

function pgError(code: string, message = 'boom') {
  return new QueryFailedError('SELECT secret FROM users', [], Object.assign(new Error(message), { code }));
}

describe('toErrorResponse', () => {
  it('maps domain errors to DRF bodies', () => {
    expect(toErrorResponse(FieldValidationError.of('name', 'This field is required.'), request)).toEqual({
      status: 400,
      body: { name: ['This field is required.'] },
    });
    expect(toErrorResponse(new NotFoundError(), request)).toEqual({ status: 404, body: { detail: 'Not found.' } });
    expect(toErrorResponse(new PermissionDeniedError(), request).status).toBe(403);
    expect(toErrorResponse(new ConflictError('In use.'), request)).toEqual({ status: 409, body: { detail: 'In use.' } });
    expect(toErrorResponse(new MalformedRequestError('JSON parse error - x'), request)).toEqual({
      status: 400,
      body: { detail: 'JSON parse error - x' },
    });
    const throttled = toErrorResponse(new ThrottledError(42), request);
    expect(throttled).toEqual({
      status: 429,
      body: { detail: 'Request was throttled. Expected available in 42 seconds.' },
      headers: { 'Retry-After': '42' },
    });
    const auth = toErrorResponse(new AuthenticationError('Token is invalid or expired', 'token_not_valid'), request);
    expect(auth.status).toBe(401);
    expect(auth.body).toEqual({ detail: 'Token is invalid or expired', code: 'token_not_valid' });
    expect(auth.headers).toEqual({ 'WWW-Authenticate': 'Bearer realm="api"' });
  });

  it("maps Nest's exceptions", () => {
    expect(toErrorResponse(new UnauthorizedException(), request).body).toEqual({
      detail: 'Authentication credentials were not provided.',
    });
    expect(toErrorResponse(new NotFoundException('Cannot GET /x'), request)).toEqual({ status: 404, body: { detail: 'Not found.' } });
    expect(toErrorResponse(new BadRequestException(), request).status).toBe(400);
  });

  it('maps PostgreSQL errors without leaking SQL', () => {
    const unique = toErrorResponse(pgError('23505'), request);
    expect(unique.status).toBe(409);
    expect(JSON.stringify(unique.body)).not.toContain('SELECT');
    expect(toErrorResponse(pgError('23503'), request).status).toBe(409);
    expect(toErrorResponse(pgError('23001'), request).status).toBe(409);
    expect(toErrorResponse(pgError('23514'), request).status).toBe(400);
    expect(toErrorResponse(pgError('57P01'), request)).toEqual({ status: 503, body: { detail: 'Service temporarily unavailable.' } });
    expect(toErrorResponse(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), request).status).toBe(503);
    expect(toErrorResponse(new Error('Connection terminated unexpectedly'), request).status).toBe(503);
  });

  it('hides anything unexpected behind a generic 500', () => {
    expect(toErrorResponse(new TypeError('x is undefined'), request)).toEqual({
      status: 500,
      body: { detail: 'A server error occurred.' },
    });
  });
});

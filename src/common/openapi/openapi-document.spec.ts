import type { OpenAPIObject, OperationObject } from '@nestjs/swagger';
import { HttpMethod, operationOf } from '../../../test/support/openapi.js';
import { generateOpenApiDocument } from '../../openapi.js';
import { snakeCase } from './openapi-document.js';

// The real application's document, built in Nest's preview mode (no database, no server).
// Under Vitest the swagger CLI plugin does not run, so DTO details are thinner than in
// openapi.json; everything checked here comes from the route metadata.
describe('the OpenAPI document', () => {
  let document: OpenAPIObject;
  beforeAll(async () => {
    document = await generateOpenApiDocument();
  });

  const operation = (method: HttpMethod, path: string): OperationObject => operationOf(document, method, path);
  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ path, method, op: op as OperationObject })),
    );

  it('writes every path with DRF\'s trailing slash', () => {
    expect(Object.keys(document.paths).length).toBeGreaterThan(15);
    for (const path of Object.keys(document.paths)) expect(path).toMatch(/\/$/);
  });

  it('asks for the jwt scheme exactly where the global guard does', () => {
    for (const [method, path] of [
      ['get', '/cart/'],
      ['get', '/auth/users/me/'],
      ['post', '/auth/users/set_password/'],
      ['delete', '/auth/users/{id}/'],
    ] as const) {
      expect(operation(method, path).security).toEqual([{ jwt: [] }]);
    }
    for (const [method, path] of [
      ['post', '/auth/users/'],
      ['post', '/auth/users/reset_password/'],
      ['post', '/auth/jwt/create/'],
      ['post', '/auth/jwt/refresh/'],
      ['get', '/health/live/'],
    ] as const) {
      // Said explicitly: no credentials needed.
      expect(operation(method, path).security).toEqual([]);
    }
    expect(document.components?.securitySchemes?.jwt).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('describes every path id as the integer ParseIdPipe takes, and says where the server is', () => {
    const ids = operations().flatMap(({ op }) => ((op.parameters ?? []) as Array<{ in: string; schema?: unknown }>).filter((parameter) => parameter.in === 'path'));
    expect(ids.length).toBeGreaterThan(10);
    for (const id of ids) expect(id.schema).toEqual({ type: 'integer', format: 'int32', minimum: 1, maximum: 2147483647, example: 1 });
    expect(document.servers?.[0]).toMatchObject({ url: '/' });
  });

  it('lets any body-carrying method answer the body errors, even without a request body of its own', () => {
    for (const [method, path] of [['delete', '/cart/'], ['post', '/orders/{id}/cancel/'], ['delete', '/products/{id}/']] as const) {
      for (const status of ['400', '413', '415']) expect(operation(method, path).responses).toHaveProperty(status);
    }
    expect(operation('get', '/products/{id}/').responses).not.toHaveProperty('415');
  });

  it('names operations <resource>_<handler>, uniquely', () => {
    expect(operation('post', '/auth/users/').operationId).toBe('users_create');
    expect(operation('post', '/auth/jwt/create/').operationId).toBe('jwt_create');
    expect(operation('post', '/cart/').operationId).toBe('cart_add');
    expect(operation('patch', '/auth/users/me/').operationId).toBe('users_update_me');
    const ids = operations().map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });

  it('documents the DRF errors each kind of route can answer', () => {
    const cartItem = operation('patch', '/cart/items/{id}/').responses;
    for (const status of ['400', '401', '404', '413', '415', '503']) expect(cartItem).toHaveProperty(status);
    expect(cartItem['401']).toEqual({ $ref: '#/components/responses/Unauthorized' });
    expect(cartItem['404']).toEqual({ $ref: '#/components/responses/NotFound' });
    // Public: an absent token is fine, a bad one is refused.
    expect(operation('post', '/auth/users/').responses['401']).toEqual({ $ref: '#/components/responses/InvalidAccessToken' });
    // The token endpoints ignore the Authorization header: only their own 401s.
    expect(operation('post', '/auth/jwt/refresh/').responses['401']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/TokenError' } } },
    });
    expect(operation('get', '/auth/users/').responses['404']).toEqual({ $ref: '#/components/responses/InvalidPage' });
    expect(operation('post', '/auth/users/reset_password/').responses).toHaveProperty('429');
    for (const { op } of operations()) {
      expect(op.responses).toHaveProperty('500', { $ref: '#/components/responses/InternalServerError' });
      expect(op.responses).toHaveProperty('503');
    }
  });

  it('defines the DRF error bodies once, with shapes that may overlap put together by anyOf', () => {
    // `{"detail": …}` fits both 401 shapes: a oneOf would refuse every 401 without a token.
    expect(document.components?.responses?.Unauthorized).toMatchObject({
      content: { 'application/json': { schema: { anyOf: [{ $ref: '#/components/schemas/ErrorDetail' }, { $ref: '#/components/schemas/TokenError' }] } } },
    });
    expect(document.components?.schemas).toMatchObject({
      ErrorDetail: { required: ['detail'] },
      ValidationErrors: {
        additionalProperties: {
          anyOf: [{ type: 'array', items: { type: 'string' } }, { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } }],
        },
      },
      TokenError: { required: ['detail'] },
    });
  });
});

describe('snakeCase', () => {
  it('turns handler names into operation id parts', () => {
    expect(snakeCase('resetPasswordConfirm')).toBe('reset_password_confirm');
    expect(snakeCase('list')).toBe('list');
    expect(snakeCase('Health')).toBe('health');
  });
});

import type { OpenAPIObject, OperationObject, ParameterObject, ResponseObject } from '@nestjs/swagger';
import { HttpMethod, operationOf } from '../../test/support/openapi.js';
import { generateOpenApiDocument } from '../openapi.js';

// What the catalogue's decorators put in the document. Under Vitest the swagger CLI plugin does
// not run, so only explicit decorators are checked here (DTO details are in openapi.json).
describe('the catalogue in the OpenAPI document', () => {
  let document: OpenAPIObject;
  beforeAll(async () => {
    document = await generateOpenApiDocument();
  });

  const operation = (method: HttpMethod, path: string): OperationObject => operationOf(document, method, path);
  const response = (op: OperationObject, status: string) => op.responses[status] as ResponseObject;
  const parameters = (op: OperationObject) => (op.parameters ?? []) as ParameterObject[];
  const routes = [
    ['get', '/categories/'],
    ['post', '/categories/'],
    ['get', '/categories/{id}/'],
    ['put', '/categories/{id}/'],
    ['patch', '/categories/{id}/'],
    ['delete', '/categories/{id}/'],
    ['get', '/products/'],
    ['post', '/products/'],
    ['get', '/products/{id}/'],
    ['put', '/products/{id}/'],
    ['patch', '/products/{id}/'],
    ['delete', '/products/{id}/'],
  ] as const;

  it('tags every catalogue route "catalog" and declares its success response', () => {
    expect(document.tags?.map((tag) => tag.name)).toContain('catalog');
    expect(document.tags?.map((tag) => tag.name)).not.toContain('catalogue');
    for (const [method, path] of routes) {
      const op = operation(method, path);
      expect(op.tags).toEqual(['catalog']);
      const success = method === 'delete' ? '204' : method === 'post' ? '201' : '200';
      expect(op.responses).toHaveProperty(success);
      if (success !== '204') expect(response(op, success).content?.['application/json']?.schema).toBeDefined();
    }
  });

  it('documents ETag revalidation on the cached GETs, with their bodies kept', () => {
    for (const path of ['/categories/', '/categories/{id}/', '/products/', '/products/{id}/']) {
      const op = operation('get', path);
      expect(parameters(op)).toContainEqual(expect.objectContaining({ name: 'If-None-Match', in: 'header', required: false }));
      const ok = response(op, '200');
      expect(ok.content?.['application/json']?.schema).toBeDefined();
      expect(Object.keys(ok.headers ?? {})).toEqual(['ETag', 'Cache-Control']);
      const notModified = response(op, '304');
      expect(notModified.content).toBeUndefined();
      expect(Object.keys(notModified.headers ?? {})).toEqual(['ETag', 'Cache-Control']);
    }
  });

  it('declares each page parameter once, as an integer', () => {
    for (const path of ['/categories/', '/products/']) {
      const names = parameters(operation('get', path)).map((parameter) => parameter.name);
      expect(new Set(names).size).toBe(names.length);
      for (const name of ['page', 'page_size']) {
        expect(parameters(operation('get', path)).find((parameter) => parameter.name === name)?.schema).toMatchObject({ type: 'integer' });
      }
    }
    expect(parameters(operation('get', '/products/')).find((parameter) => parameter.name === 'category')?.schema).toMatchObject({
      type: 'integer',
    });
  });

  it('requires every field of both kinds of product page', () => {
    const schema = response(operation('get', '/products/'), '200').content?.['application/json']?.schema as { anyOf: object[] };
    expect(schema.anyOf[0]).toMatchObject({ required: ['count', 'next', 'previous', 'results'] });
    expect(schema.anyOf[1]).toEqual({ $ref: '#/components/schemas/ProductCursorPageDto' });
    expect(response(operation('get', '/categories/'), '200').content?.['application/json']?.schema).toMatchObject({
      required: ['count', 'next', 'previous', 'results'],
      properties: { results: { items: { $ref: '#/components/schemas/CategoryResponseDto' } } },
    });
  });

  it('documents the Location of a new product and the 409 of a category in use', () => {
    expect(response(operation('post', '/products/'), '201').headers).toHaveProperty('Location');
    expect(response(operation('delete', '/categories/{id}/'), '409')).toMatchObject({
      description: 'Products still belong to this category.',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorDetail' } } },
    });
  });
});

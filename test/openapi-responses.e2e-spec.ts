import { checkResponse, CheckedResponse } from './support/openapi-responses.js';

const json = (method: string, url: string, status: number, body: unknown): CheckedResponse => ({
  method,
  url,
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  text: JSON.stringify(body),
});
const empty = (method: string, url: string, status: number): CheckedResponse => ({ method, url, status, headers: {}, text: '' });
const PRODUCT = { id: 7, name: 'iPhone 12', price: '699.00', stock: 12, category: 1 };

/**
 * The check that TestApp.request() runs on every e2e response: it must tell a response the
 * document describes from one it does not, or the suite proves nothing about openapi.json.
 */
describe('response validation against openapi.json', () => {
  it('accepts responses the document describes', async () => {
    for (const response of [
      json('GET', '/products/7/', 200, PRODUCT),
      json('GET', '/products/7', 200, PRODUCT),
      json('GET', '/products/?page=2', 200, { count: 1, next: null, previous: 'http://localhost/products/', results: [PRODUCT] }),
      json('GET', '/products/?mode=cursor', 200, { next: null, previous: null, results: [] }),
      json('GET', '/cart/', 401, { detail: 'Authentication credentials were not provided.' }),
      json('GET', '/cart/', 401, {
        detail: 'Given token not valid for any token type',
        code: 'token_not_valid',
        messages: [{ token_class: 'AccessToken', token_type: 'access', message: 'Token is invalid or expired' }],
      }),
      json('POST', '/orders/', 400, { shipping_address: { city: ['This field is required.'] } }),
      json('POST', '/auth/jwt/refresh/', 401, { detail: 'Token has wrong type', code: 'token_not_valid' }),
      json('DELETE', '/auth/users/3/', 403, { detail: 'You do not have permission to perform this action.' }),
      empty('DELETE', '/products/7/', 204),
      empty('POST', '/auth/users/resend_activation/', 400),
      empty('GET', '/products/7/', 304),
      json('GET', '/health/live/', 500, { detail: 'A server error occurred.' }),
    ]) {
      expect(await checkResponse(response), `${response.method} ${response.url} ${response.status}`).toMatchObject({ result: 'valid' });
    }
  });

  it('refuses a body that breaks the schema, a status the operation does not have, and a body where none is documented', async () => {
    const cases: Array<[CheckedResponse, string]> = [
      [json('GET', '/products/7/', 200, { ...PRODUCT, price: 699 }), 'body'],
      [json('GET', '/products/7/', 200, { id: 7, name: 'x' }), 'body'],
      [json('GET', '/products/7/', 200, { ...PRODUCT, price: '699' }), 'body'],
      [json('GET', '/products/7/', 418, { detail: "I'm a teapot" }), 'undocumented status'],
      [json('GET', '/products/7/', 502, { detail: 'Bad gateway.' }), 'undocumented status'],
      [json('GET', '/products/7/', 500, { error: 'TypeError: x is undefined', stack: ['at …'] }), 'body'],
      [json('GET', '/cart/', 401, { message: 'no' }), 'body'],
      [json('DELETE', '/products/7/', 204, { deleted: true }), 'body'],
      [empty('GET', '/products/7/', 200), 'body'],
      [{ ...json('GET', '/products/7/', 200, PRODUCT), headers: { 'content-type': 'text/html' } }, 'content type'],
    ];
    for (const [response, kind] of cases) {
      expect(await checkResponse(response), `${response.method} ${response.url} ${response.status} ${response.text}`).toMatchObject({
        result: 'mismatch',
        kind,
      });
    }
  });

  it('skips what the document cannot describe: unknown paths, methods a path does not have, malformed URLs', async () => {
    expect(await checkResponse(json('GET', '/nope/', 404, { detail: 'Not found.' }))).toEqual({ result: 'skipped', reason: 'path not in the document' });
    expect(await checkResponse(json('PATCH', '/products/', 405, { detail: 'Method "PATCH" not allowed.' }))).toEqual({
      result: 'skipped',
      reason: 'method not in the document',
    });
    expect(await checkResponse(json('GET', '/auth/users/set_password/', 405, { detail: 'Method "GET" not allowed.' }))).toEqual({
      result: 'skipped',
      reason: 'method not in the document',
    });
    expect(await checkResponse(json('OPTIONS', '/products/1/', 200, {}))).toEqual({ result: 'skipped', reason: 'method not in the document' });
    expect(await checkResponse(json('GET', 'http://[bad', 404, {}))).toEqual({ result: 'skipped', reason: 'malformed URL' });
  });
});

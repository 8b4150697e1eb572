import { createStorefrontClient } from '@storedeal/sdk';
import { HttpError } from 'react-admin';
import { drfError } from './drf-errors';
import { sessionTokenStore } from './token-store';

/** The console is served by the API server itself: same origin, so no CORS and connect-src 'self'. */
const baseUrl = window.location.origin;

export const api = createStorefrontClient({ baseUrl, tokenStore: sessionTokenStore(baseUrl) });

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Query = Record<string, string | number | boolean | undefined>;

interface Call {
  query?: Query;
  body?: unknown;
}

/**
 * openapi-fetch's request() without the per-path typing: the data provider addresses every
 * resource by name through one code path. It still goes through the SDK's session middleware
 * (Bearer header, refresh on 401); the records are typed with the SDK's schema types.
 */
type LooseRequest = (
  method: Method,
  path: string,
  init: { params?: { query?: Query }; body?: unknown },
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
const looseRequest = (api as unknown as { request: LooseRequest }).request;

/** One API call; a non-2xx answer rejects with react-admin's HttpError (see drfError). */
export async function call<T>(method: Method, path: string, { query, body }: Call = {}): Promise<T> {
  const { data, error, response } = await looseRequest(method, path, { params: { query }, body });
  if (!response.ok) throw drfError(response.status, error);
  return data as T;
}

export { HttpError };

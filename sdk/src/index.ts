import createClient, { type Client, type ClientOptions, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './schema.js';

export type { components, operations, paths };

/** Shorthands for the schemas a storefront handles most. */
type Schemas = components['schemas'];
export type User = Schemas['UserResponseDto'];
export type Category = Schemas['CategoryResponseDto'];
export type Product = Schemas['ProductResponseDto'];
export type Cart = Schemas['CartResponseDto'];
export type CartItem = Schemas['CartItemResponseDto'];
/** DRF's `{"detail": "…"}`. */
export type ErrorDetail = Schemas['ErrorDetail'];
/** DRF's `{"<field>": ["<message>", …]}`. */
export type ValidationErrors = Schemas['ValidationErrors'];
/** simplejwt's `{"detail", "code", "messages"?}`. */
export type TokenError = Schemas['TokenError'];

/** The token pair from `POST /auth/jwt/create/`. */
export interface Tokens {
  access: string;
  refresh: string;
}

/**
 * Where the client keeps its tokens. The default keeps them in memory (gone on reload); give
 * your own to persist them (e.g. in a cookie-backed session, or secure storage on mobile).
 * `set(null)` means logged out.
 */
export interface TokenStore {
  get(): Tokens | null | Promise<Tokens | null>;
  set(tokens: Tokens | null): void | Promise<void>;
}

export function memoryTokenStore(initial: Tokens | null = null): TokenStore {
  let tokens = initial;
  return {
    get: () => tokens,
    set: (next) => {
      tokens = next;
    },
  };
}

/** A refused call of the SDK's own helpers (login), with the server's status and DRF body. */
export class StorefrontError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`Storedeal API answered ${status}: ${typeof body === 'object' && body !== null && 'detail' in body ? String(body.detail) : JSON.stringify(body)}`);
    this.name = 'StorefrontError';
  }
}

export interface StorefrontClientOptions extends Omit<ClientOptions, 'baseUrl'> {
  /** Where the API is, e.g. `https://api.example.com` (no trailing slash needed). */
  baseUrl: string;
  /** Token storage; in memory when omitted. */
  tokenStore?: TokenStore;
}

export type StorefrontClient = Client<paths> & {
  /** Logs in (`POST /auth/jwt/create/`) and stores the token pair. Throws StorefrontError when refused. */
  login(username: string, password: string): Promise<Tokens>;
  /** Blacklists the refresh token (`POST /auth/jwt/blacklist/`) and forgets the tokens. */
  logout(): Promise<void>;
  readonly tokenStore: TokenStore;
};

/** simplejwt's token endpoints ignore the Authorization header: the middleware leaves them alone. */
const TOKEN_ENDPOINTS = /^\/auth\/jwt\//;

const isTokenNotValid = (body: unknown): boolean =>
  typeof body === 'object' && body !== null && (body as { code?: unknown }).code === 'token_not_valid';

/**
 * The typed client (openapi-fetch: `client.GET('/products/', { params: { query: { search: 'phone' } } })`)
 * with the session on top: every request carries `Authorization: Bearer <access>` while logged
 * in, and a 401 `token_not_valid` (the access token expired) is answered by one refresh through
 * `/auth/jwt/refresh/` and one retry of the request.
 */
export function createStorefrontClient(options: StorefrontClientOptions): StorefrontClient {
  const { tokenStore = memoryTokenStore(), ...clientOptions } = options;
  const client = createClient<paths>(clientOptions);
  // Token calls go through a client of their own, without the middleware below.
  const tokenClient = createClient<paths>(clientOptions);

  /** One refresh at a time: concurrent 401s wait for the same new access token. */
  let refreshing: Promise<string | null> | null = null;
  const refreshAccess = (): Promise<string | null> => {
    refreshing ??= (async () => {
      const tokens = await tokenStore.get();
      if (!tokens) return null;
      const { data } = await tokenClient.POST('/auth/jwt/refresh/', { body: { refresh: tokens.refresh } });
      if (!data) {
        // The refresh token is expired or blacklisted: the session is over.
        await tokenStore.set(null);
        return null;
      }
      await tokenStore.set({ access: data.access, refresh: data.refresh ?? tokens.refresh });
      return data.access;
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  };

  /** Unsent copies of the authenticated requests, to retry once after a refresh. */
  const retryable = new Map<string, Request>();

  const session: Middleware = {
    async onRequest({ request, schemaPath, id }) {
      if (TOKEN_ENDPOINTS.test(schemaPath) || request.headers.has('Authorization')) return undefined;
      const tokens = await tokenStore.get();
      if (!tokens) return undefined;
      request.headers.set('Authorization', `Bearer ${tokens.access}`);
      retryable.set(id, request.clone());
      return request;
    },
    async onResponse({ response, id, options: fetchOptions }) {
      const original = retryable.get(id);
      retryable.delete(id);
      if (!original || response.status !== 401) return undefined;
      const body: unknown = await response
        .clone()
        .json()
        .catch(() => null);
      if (!isTokenNotValid(body)) return undefined;
      // Another request may have refreshed meanwhile: then its token is the one to use.
      const current = await tokenStore.get();
      const access =
        current && original.headers.get('Authorization') !== `Bearer ${current.access}` ? current.access : await refreshAccess();
      if (!access) return undefined;
      original.headers.set('Authorization', `Bearer ${access}`);
      return fetchOptions.fetch(original);
    },
    onError({ id }) {
      retryable.delete(id);
      return undefined;
    },
  };
  client.use(session);

  async function login(username: string, password: string): Promise<Tokens> {
    const { data, error, response } = await tokenClient.POST('/auth/jwt/create/', { body: { username, password } });
    if (!data) throw new StorefrontError(response.status, error);
    const tokens = { access: data.access, refresh: data.refresh };
    await tokenStore.set(tokens);
    return tokens;
  }

  async function logout(): Promise<void> {
    const tokens = await tokenStore.get();
    await tokenStore.set(null);
    if (!tokens) return;
    const { error, response } = await tokenClient.POST('/auth/jwt/blacklist/', { body: { refresh: tokens.refresh } });
    // 401: the refresh token was already expired or blacklisted, which is logged out too.
    if (error !== undefined && response.status !== 401) throw new StorefrontError(response.status, error);
  }

  return Object.assign(client, { login, logout, tokenStore });
}

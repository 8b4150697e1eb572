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
export type Order = Schemas['OrderResponseDto'];
export type OrderItem = Schemas['OrderItemResponseDto'];
export type ShippingAddress = Schemas['ShippingAddressDto'];
/** An account as staff see it (`/accounts/`). */
export type Account = Schemas['AccountResponseDto'];
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

export interface CheckoutOptions {
  /** The Idempotency-Key to send; a new UUID when omitted. Keep it to retry a checkout yourself later. */
  idempotencyKey?: string;
  /** How many times to retry after a network failure, a 5xx or a 409 `idempotency_key_in_use` (default 3). */
  retries?: number;
  /** Milliseconds before the first retry, doubled for each next one (default 250). */
  retryDelayMs?: number;
}

export type StorefrontClient = Client<paths> & {
  /** Logs in (`POST /auth/jwt/create/`) and stores the token pair. Throws StorefrontError when refused. */
  login(username: string, password: string): Promise<Tokens>;
  /** Blacklists the refresh token (`POST /auth/jwt/blacklist/`) and forgets the tokens. */
  logout(): Promise<void>;
  /**
   * Turns the cart into an order (`POST /orders/`). One Idempotency-Key is made for the call
   * and sent with every retry, so a retry after a lost response returns the same order and
   * never buys twice. Throws StorefrontError for a refusal (empty cart, bad address, 409
   * `insufficient_stock` with the short lines in `body.items`).
   */
  checkout(shippingAddress: ShippingAddress, options?: CheckoutOptions): Promise<Order>;
  readonly tokenStore: TokenStore;
};

/** simplejwt's token endpoints ignore the Authorization header: the middleware leaves them alone. */
const TOKEN_ENDPOINTS = /^\/auth\/jwt\//;

/** Worth sending again with the same Idempotency-Key: the server failed, or the first attempt is still running. */
const isRetryable = (status: number, body: unknown): boolean =>
  status >= 500 || (status === 409 && (body as { code?: unknown } | null)?.code === 'idempotency_key_in_use');

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

  async function checkout(shippingAddress: ShippingAddress, checkoutOptions: CheckoutOptions = {}): Promise<Order> {
    const key = checkoutOptions.idempotencyKey ?? globalThis.crypto.randomUUID();
    const retries = checkoutOptions.retries ?? 3;
    let delay = checkoutOptions.retryDelayMs ?? 250;
    for (let attempt = 0; ; attempt += 1) {
      let outcome: { data?: Order; error?: unknown; response: Response } | undefined;
      try {
        outcome = await client.POST('/orders/', {
          body: { shipping_address: shippingAddress },
          params: { header: { 'Idempotency-Key': key } },
        });
      } catch (networkError) {
        if (attempt >= retries) throw networkError;
      }
      if (outcome?.data) return outcome.data;
      if (outcome && !isRetryable(outcome.response.status, outcome.error)) throw new StorefrontError(outcome.response.status, outcome.error);
      if (attempt >= retries) throw new StorefrontError(outcome!.response.status, outcome!.error);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay *= 2;
    }
  }

  return Object.assign(client, { login, logout, checkout, tokenStore });
}

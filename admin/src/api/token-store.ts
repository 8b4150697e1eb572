import createClient from 'openapi-fetch';
import type { paths, TokenStore, Tokens } from '@storedeal/sdk';

const REFRESH_KEY = 'storedeal.console.refresh';

/**
 * The access token lives in memory only; the refresh token in this tab's sessionStorage, so a
 * reload keeps the session and closing the tab ends it. After a reload the first request
 * trades the refresh token for a new access token (one exchange, whatever the number of
 * requests waiting for it).
 */
export function sessionTokenStore(baseUrl: string, storage: Storage = sessionStorage): TokenStore {
  // simplejwt's token views ignore the Authorization header: a bare client is enough here.
  const tokenClient = createClient<paths>({ baseUrl });
  let access: string | null = null;
  let restoring: Promise<Tokens | null> | null = null;

  async function restore(refresh: string): Promise<Tokens | null> {
    const { data } = await tokenClient.POST('/auth/jwt/refresh/', { body: { refresh } });
    if (!data) {
      // Expired, blacklisted by a logout elsewhere, or the account was deactivated.
      storage.removeItem(REFRESH_KEY);
      return null;
    }
    const tokens = { access: data.access, refresh: data.refresh ?? refresh };
    access = tokens.access;
    storage.setItem(REFRESH_KEY, tokens.refresh);
    return tokens;
  }

  return {
    get() {
      const refresh = storage.getItem(REFRESH_KEY);
      if (!refresh) return null;
      if (access) return { access, refresh };
      restoring ??= restore(refresh).finally(() => {
        restoring = null;
      });
      return restoring;
    },
    set(tokens) {
      access = tokens?.access ?? null;
      if (tokens) storage.setItem(REFRESH_KEY, tokens.refresh);
      else storage.removeItem(REFRESH_KEY);
    },
  };
}

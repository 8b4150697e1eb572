import { StorefrontError } from '@storedeal/sdk';
import type { AuthProvider } from 'react-admin';
import type { Account } from '../types';
import { api, call, HttpError } from './client';

export const NOT_STAFF = 'This console is for staff only. Your account is not a staff account: ask an administrator to grant you staff access.';

/** The signed-in account, from GET /accounts/me/ (staff only: a non-staff caller gets 403). */
let me: Account | null = null;

async function loadMe(): Promise<Account> {
  me ??= await call<Account>('GET', '/accounts/me/');
  return me;
}

/**
 * Sessions on the public token endpoints: jwt/create to log in (then /accounts/me/ tells staff
 * from non-staff), the SDK's refresh-once-on-401, jwt/blacklist to log out.
 */
export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    me = null;
    try {
      await api.login(username, password);
    } catch (error) {
      // 401 "No active account found with the given credentials", 429 when throttled.
      const body = error instanceof StorefrontError ? (error.body as { detail?: string } | undefined) : undefined;
      throw new Error(body?.detail ?? (error instanceof Error ? error.message : String(error)), { cause: error });
    }
    try {
      await loadMe();
    } catch (error) {
      await api.logout().catch(() => undefined);
      throw error instanceof HttpError && error.status === 403 ? new Error(NOT_STAFF, { cause: error }) : error;
    }
  },

  async logout() {
    me = null;
    await api.logout().catch(() => undefined);
  },

  async checkAuth() {
    if (!(await api.tokenStore.get())) throw new Error('Please log in.');
  },

  async checkError(error: unknown) {
    const status = error instanceof HttpError ? error.status : undefined;
    // 401: the refresh failed too (expired, logged out elsewhere, account deactivated).
    // 403: the account lost its staff flag meanwhile.
    if (status === 401 || status === 403) {
      me = null;
      await api.tokenStore.set(null);
      throw { message: status === 403 ? NOT_STAFF : 'Your session has ended. Please log in again.' };
    }
  },

  async getIdentity() {
    const account = await loadMe();
    const fullName = [account.first_name, account.last_name].filter(Boolean).join(' ') || account.username;
    return { id: account.id, fullName };
  },
};

import { Injectable } from '@nestjs/common';
import { CacheInvalidations } from '../cache/cache-invalidations.js';
import { TtlCache } from '../cache/ttl-cache.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { Sql, Statement } from '../database/sql.js';

/** What the JWT guard needs to know about a token's user. */
export interface Principal extends AuthUser {
  /**
   * Access tokens issued (`iat`) before this second are refused (0: the password never changed
   * here): the second after the one the password changed in. `iat` counts whole seconds, so a
   * token of that second may be older than the change and is refused too; the change answers
   * only once that second is over (UsersService.changePassword), so the tokens its client gets
   * afterwards carry a later `iat`.
   */
  readonly tokensValidFrom: number;
}

/**
 * Half a second, so a deactivated, deleted or password-changed account is refused within a
 * second by every process even if an invalidation message were lost; writes to an account
 * invalidate its entry at once in every process (CacheInvalidations).
 */
const PRINCIPAL_TTL_MS = 500;

const SELECT_PRINCIPAL: Statement = {
  name: 'principal_select',
  text: `
    SELECT id, is_active AS "isActive", is_staff AS "isStaff",
      coalesce(floor(extract(epoch FROM password_changed_at)) + 1, 0)::float8 AS "tokensValidFrom"
    FROM users WHERE id = $1`,
};

/**
 * The per-request user lookup of the JWT guard, cached: on the hot path of every
 * authenticated request it was a second database round trip.
 */
@Injectable()
export class Principals {
  private readonly cache: TtlCache<Principal | null>;

  constructor(
    private readonly sql: Sql,
    invalidations: CacheInvalidations,
  ) {
    this.cache = new TtlCache('principals', invalidations, PRINCIPAL_TTL_MS);
  }

  find(id: number): Promise<Principal | null> {
    return this.cache.getOrLoad(String(id), async () => (await this.sql.query<Principal>(SELECT_PRINCIPAL, [id]))[0] ?? null);
  }

  /** After any write to the account's activity, staff flag, password or existence. */
  forget(id: number): void {
    this.cache.invalidate(String(id));
  }
}

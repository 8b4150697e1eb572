import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { isSerialId } from '../common/ids.js';
import { AuthSecret } from '../config/auth-secret.js';
import { Environment } from '../config/environment.js';
import { RefreshToken } from './entities/refresh-token.entity.js';
import { signJwt, verifyJwt } from './jwt.js';
import { TokenBlacklisted, TokenInvalid, TokenWrongType } from './token.errors.js';

export type TokenType = 'access' | 'refresh';

/** How many verified tokens are remembered (a few MB at most); the oldest goes first. */
const VERIFIED_TOKENS = 10_000;

/** simplejwt's claims. */
export interface TokenClaims {
  token_type: TokenType;
  exp: number;
  iat: number;
  jti: string;
  user_id: number;
}

export interface TokenPair {
  refresh: string;
  access: string;
}

/** Issues, checks and blacklists simplejwt-compatible HS256 tokens. */
@Injectable()
export class TokenService {
  private readonly logger = new Logger('Tokens');
  private readonly verified = new Map<string, Record<string, unknown>>();

  constructor(
    private readonly secret: AuthSecret,
    private readonly env: Environment,
    @InjectRepository(RefreshToken) private readonly refreshTokens: Repository<RefreshToken>,
  ) {}

  private sign(userId: number, type: TokenType, lifetimeSeconds: number): { token: string; claims: TokenClaims } {
    const iat = Math.floor(Date.now() / 1000);
    const claims: TokenClaims = {
      token_type: type,
      exp: iat + lifetimeSeconds,
      iat,
      jti: randomUUID().replaceAll('-', ''),
      user_id: userId,
    };
    return { token: signJwt({ ...claims }, this.secret.key), claims };
  }

  accessFor(userId: number): string {
    return this.sign(userId, 'access', this.env.JWT_ACCESS_LIFETIME).token;
  }

  /** A new refresh token, recorded so it can be blacklisted later. */
  async refreshFor(userId: number): Promise<string> {
    const { token, claims } = this.sign(userId, 'refresh', this.env.JWT_REFRESH_LIFETIME);
    await this.refreshTokens.insert({ jti: claims.jti, userId, expiresAt: new Date(claims.exp * 1000), parentJti: null });
    return token;
  }

  async pairFor(userId: number): Promise<TokenPair> {
    return { refresh: await this.refreshFor(userId), access: this.accessFor(userId) };
  }

  /**
   * Signature, expiry and shape of any token; null when it is not one of ours. Which
   * error to give is the caller's: simplejwt words it differently per endpoint.
   */
  decode(token: unknown): TokenClaims | null {
    const claims = this.verify(token);
    // user_id must be able to name a row (1 to 2147483647): anything else names no user, and
    // would reach PostgreSQL's integer columns as an out-of-range error.
    const wellFormed =
      claims !== null &&
      (claims.token_type === 'access' || claims.token_type === 'refresh') &&
      isSerialId(claims.user_id) &&
      typeof claims.iat === 'number' &&
      typeof claims.jti === 'string';
    return wellFormed ? (claims as unknown as TokenClaims) : null;
  }

  /**
   * Signature and expiry only: the claims of a token we signed that has not expired, whatever
   * they hold. A client sends the same access token with every request for minutes: a token
   * verified once is remembered (by its exact text, until its `exp`), so the next requests
   * skip the HMAC and the JSON parse.
   */
  verify(token: unknown): Record<string, unknown> | null {
    if (typeof token !== 'string') return null;
    const remembered = this.verified.get(token);
    if (remembered && (remembered.exp as number) > Date.now() / 1000) return remembered;
    const claims = verifyJwt(token, this.secret.key);
    if (claims) {
      if (this.verified.size >= VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, claims);
    }
    return claims;
  }

  /**
   * A refresh token that is valid, recorded and not blacklisted; throws simplejwt's 401s. As in
   * simplejwt, a signature or expiry problem is "Token is invalid or expired", and a sound token
   * of the other type (an access token) "Token has wrong type". With `revokeOnReuse` (rotation),
   * a blacklisted token also revokes every token issued from it (see rotate).
   */
  async checkRefresh(token: unknown, { revokeOnReuse = false } = {}): Promise<TokenClaims> {
    const claims = this.decode(token);
    if (!claims) throw new TokenInvalid();
    if (claims.token_type !== 'refresh') throw new TokenWrongType();
    try {
      await this.assertNotBlacklisted(claims, true);
    } catch (error) {
      if (revokeOnReuse && error instanceof TokenBlacklisted) await this.revokeDescendantsOf(claims);
      throw error;
    }
    return claims;
  }

  /**
   * A refresh token we recorded and did not blacklist. With `adopt`, a refresh token the
   * Django Storedeal issued before the import (DJANGO_TOKENS_ISSUED_BEFORE, signed with the
   * same key) is recorded on first use, so it can be blacklisted from then on.
   */
  async assertNotBlacklisted(claims: TokenClaims, adopt = false): Promise<void> {
    const record = await this.refreshTokens.findOneBy({ jti: claims.jti });
    // The jti was recorded for one user: a token naming another user with it is not one we issued.
    if (record && record.userId !== claims.user_id) throw new TokenInvalid();
    if (record?.blacklistedAt) throw new TokenBlacklisted();
    if (record) return;
    if (!this.issuedByDjango(claims)) throw new TokenInvalid();
    if (adopt) {
      await this.refreshTokens
        .createQueryBuilder()
        .insert()
        .values({ jti: claims.jti, userId: claims.user_id, expiresAt: new Date(claims.exp * 1000), parentJti: null })
        .orIgnore()
        .execute();
    }
  }

  private issuedByDjango(claims: TokenClaims): boolean {
    const before = this.env.DJANGO_TOKENS_ISSUED_BEFORE;
    return before !== undefined && typeof claims.iat === 'number' && claims.iat * 1000 < Date.parse(before);
  }

  /** Logs a refresh token out. Only one of two racing calls wins; the other sees it blacklisted. */
  async blacklist(claims: TokenClaims): Promise<void> {
    const result = await this.refreshTokens.update({ jti: claims.jti, blacklistedAt: IsNull() }, { blacklistedAt: new Date() });
    if (!result.affected) throw new TokenBlacklisted();
  }

  /**
   * Rotation: spends the refresh token `claims` and issues its successor, recorded as its child.
   * Spending it and recording the child commit together, so a request that finds the token
   * already spent (its UPDATE waits for this row's lock) sees the child and revokes it too:
   * of two requests presenting one refresh token, one is a copy, and either may be the thief's.
   */
  async rotate(claims: TokenClaims): Promise<string> {
    const next = this.sign(claims.user_id, 'refresh', this.env.JWT_REFRESH_LIFETIME);
    const spent = await this.refreshTokens.manager.transaction(async (manager) => {
      const result = await manager.update(RefreshToken, { jti: claims.jti, blacklistedAt: IsNull() }, { blacklistedAt: new Date() });
      if (!result.affected) return false;
      await manager.insert(RefreshToken, {
        jti: next.claims.jti,
        userId: claims.user_id,
        expiresAt: new Date(next.claims.exp * 1000),
        parentJti: claims.jti,
      });
      return true;
    });
    if (!spent) {
      await this.revokeDescendantsOf(claims);
      throw new TokenBlacklisted();
    }
    return next.token;
  }

  /** A spent refresh token came back: every refresh token issued from it, and from those, is blacklisted. */
  private async revokeDescendantsOf(claims: TokenClaims): Promise<void> {
    const revoked: unknown[] = await this.refreshTokens.query(
      `WITH RECURSIVE descendants (jti) AS (
         SELECT jti FROM refresh_tokens WHERE parent_jti = $1
         UNION
         SELECT child.jti FROM refresh_tokens child JOIN descendants ON child.parent_jti = descendants.jti
       )
       UPDATE refresh_tokens SET blacklisted_at = now()
       WHERE jti IN (SELECT jti FROM descendants) AND blacklisted_at IS NULL
       RETURNING jti`,
      [claims.jti],
    );
    if (revoked.length > 0) {
      this.logger.warn(
        { event: 'refresh_token_reuse', userId: claims.user_id, revoked: revoked.length },
        `a spent refresh token of user ${claims.user_id} was presented again: ${revoked.length} refresh token(s) issued from it revoked`,
      );
    }
  }

  /** simplejwt's flushexpiredtokens: deletes the records of refresh tokens past their expiry; how many. */
  async flushExpired(): Promise<number> {
    const result = await this.refreshTokens.createQueryBuilder().delete().where('expires_at <= now()').execute();
    return result.affected ?? 0;
  }

  /** Ends every session of a user (a password change), inside the caller's transaction. */
  async endSessionsOf(userId: number, manager: EntityManager): Promise<void> {
    await manager.update(RefreshToken, { userId, blacklistedAt: IsNull() }, { blacklistedAt: () => 'now()' });
  }
}

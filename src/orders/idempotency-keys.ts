import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { IdempotencyKeyInUse, IdempotencyKeyReused } from './orders.errors.js';

/** How long a retried checkout with the same key returns the same order. */
const KEEP = '24 hours';
/** How long a claim holds before a retry may take it over (the first request died mid-way). */
const LEASE = '30 seconds';

/**
 * $1 user, $2 key, $3 request hash, $4 claim id. Claims the key, or takes over one that has
 * expired, or one whose request died before finishing (lease over, same request). The user's
 * other expired keys go at the same time, so the table holds at most a day of keys per user.
 * Concurrent claims of one new key meet on the primary key: exactly one inserts.
 */
const CLAIM = `
  WITH expired AS (
    DELETE FROM idempotency_keys WHERE user_id = $1 AND key <> $2 AND expires_at <= now()
  )
  INSERT INTO idempotency_keys (user_id, key, request_hash, claim_id, locked_until, expires_at)
  VALUES ($1, $2, $3, $4, now() + interval '${LEASE}', now() + interval '${KEEP}')
  ON CONFLICT (user_id, key) DO UPDATE
    SET request_hash = EXCLUDED.request_hash, claim_id = EXCLUDED.claim_id, order_id = NULL,
        locked_until = EXCLUDED.locked_until, expires_at = EXCLUDED.expires_at, created_at = now()
    WHERE idempotency_keys.expires_at <= now()
       OR (idempotency_keys.order_id IS NULL AND idempotency_keys.locked_until <= now()
           AND idempotency_keys.request_hash = EXCLUDED.request_hash)
  RETURNING claim_id`;

export type Claim = { claimId: string; replayOrderId?: undefined } | { replayOrderId: number; claimId?: undefined };

/** Idempotency-Keys of checkouts, per user (`POST /orders/` with the header). */
@Injectable()
export class IdempotencyKeys {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Ours to run (a claim), or the order an earlier request with this key made (a replay).
   * The same key with another request → 422; while its first request runs → 409.
   */
  async claim(userId: number, key: string, requestHash: string): Promise<Claim> {
    // Committed on its own, before the checkout: a concurrent request with the key sees it at once.
    const [claimed] = await this.dataSource.query<Array<{ claim_id: string }>>(CLAIM, [userId, key, requestHash, randomUUID()]);
    if (claimed) return { claimId: claimed.claim_id };
    const [held] = await this.dataSource.query<Array<{ request_hash: string; order_id: number | null }>>(
      'SELECT request_hash, order_id FROM idempotency_keys WHERE user_id = $1 AND key = $2',
      [userId, key],
    );
    // Released by its request in between: claim it again.
    if (!held) return this.claim(userId, key, requestHash);
    if (held.request_hash !== requestHash) throw new IdempotencyKeyReused();
    if (held.order_id === null) throw new IdempotencyKeyInUse();
    return { replayOrderId: held.order_id };
  }

  /** Records the order, in the checkout's own transaction: the order and the key commit together. */
  async complete(userId: number, key: string, claimId: string, orderId: number, manager: EntityManager): Promise<void> {
    const [, affected] = await manager.query<[unknown, number]>(
      'UPDATE idempotency_keys SET order_id = $4 WHERE user_id = $1 AND key = $2 AND claim_id = $3 AND order_id IS NULL',
      [userId, key, claimId, orderId],
    );
    // Our lease ran out and another request took the key over: let that one make the order.
    if (affected !== 1) throw new IdempotencyKeyInUse();
  }

  /** The checkout failed: a retry with the key may run again. */
  async release(userId: number, key: string, claimId: string): Promise<void> {
    await this.dataSource.query('DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND claim_id = $3 AND order_id IS NULL', [
      userId,
      key,
      claimId,
    ]);
  }
}

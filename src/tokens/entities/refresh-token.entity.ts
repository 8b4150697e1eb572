import { Column, CreateDateColumn, Entity, Index, ManyToOne, JoinColumn, PrimaryColumn } from 'typeorm';
import { User } from '../../users/entities/user.entity.js';

/** Every refresh token issued, so one can be blacklisted (simplejwt's token_blacklist app). */
@Entity({ name: 'refresh_tokens' })
export class RefreshToken {
  /** simplejwt's `jti`: 32 hex characters. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  jti: string;

  @Index()
  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** flushexpiredtokens and the hourly purge delete by it. */
  @Index('IDX_refresh_tokens_expires_at')
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'blacklisted_at', type: 'timestamptz', nullable: true })
  blacklistedAt: Date | null;

  /**
   * With rotation, the refresh token this one was issued for (null: from a login, or adopted from
   * Django). Presenting a spent token again revokes its descendants. No foreign key: the parent
   * may be purged first (it expires first), which leaves nothing to revoke through it.
   */
  @Index('IDX_refresh_tokens_parent_jti')
  @Column({ name: 'parent_jti', type: 'varchar', length: 64, nullable: true })
  parentJti: string | null;
}

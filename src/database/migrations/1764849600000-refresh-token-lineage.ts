import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refresh tokens record the token they were rotated from (reuse of a spent one revokes its
 * descendants), and expiry is indexed for the purge of expired records.
 */
export class RefreshTokenLineage1764849600000 implements MigrationInterface {
  name = 'RefreshTokenLineage1764849600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "refresh_tokens" ADD "parent_jti" character varying(64)`);
    await queryRunner.query(`CREATE INDEX "IDX_refresh_tokens_parent_jti" ON "refresh_tokens" ("parent_jti")`);
    await queryRunner.query(`CREATE INDEX "IDX_refresh_tokens_expires_at" ON "refresh_tokens" ("expires_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_refresh_tokens_expires_at"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_refresh_tokens_parent_jti"`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP COLUMN "parent_jti"`);
  }
}

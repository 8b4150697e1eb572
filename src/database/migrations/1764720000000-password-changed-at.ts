import { MigrationInterface, QueryRunner } from 'typeorm';

/** When a user's password last changed: access tokens issued before then are refused. */
export class PasswordChangedAt1764720000000 implements MigrationInterface {
  name = 'PasswordChangedAt1764720000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "password_changed_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "password_changed_at"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/** Django's `first_name` and `last_name`, so accounts imported from the Django Storedeal keep them. */
export class UserNames1764460800000 implements MigrationInterface {
  name = 'UserNames1764460800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "first_name" character varying(150) NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE "users" ADD "last_name" character varying(150) NOT NULL DEFAULT ''`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "last_name"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "first_name"`);
  }
}

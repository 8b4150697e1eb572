import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialAuth1764201600000 implements MigrationInterface {
  name = 'InitialAuth1764201600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "users" (
        "id" SERIAL NOT NULL,
        "username" character varying(150) NOT NULL,
        "email" character varying(254) NOT NULL DEFAULT '',
        "password" character varying(255) NOT NULL,
        "is_active" boolean NOT NULL DEFAULT true,
        "is_staff" boolean NOT NULL DEFAULT false,
        "is_superuser" boolean NOT NULL DEFAULT false,
        "date_joined" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "last_login" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "UQ_fe0bb3f6520ee0469504521e710" UNIQUE ("username"),
        CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_users_email_lower" ON "users" (lower("email"))`);
    await queryRunner.query(`
      CREATE TABLE "refresh_tokens" (
        "jti" character varying(64) NOT NULL,
        "user_id" integer NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "blacklisted_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_refresh_tokens_jti" PRIMARY KEY ("jti")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_3ddc983c5f7bcf132fd8732c3f" ON "refresh_tokens" ("user_id")`);
    await queryRunner.query(`
      ALTER TABLE "refresh_tokens" ADD CONSTRAINT "FK_3ddc983c5f7bcf132fd8732c3f4"
      FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
    await queryRunner.query(`DROP TABLE "users"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What `import-django` wrote: per Django table, the ids it imported with a fingerprint of the
 * values it imported, in chunks of consecutive ids (arrays, so recording 200,000 products costs
 * 20 rows, not 200,000). A re-run tells its own earlier rows from rows Storedeal created itself
 * (which it refuses to overwrite), and leaves alone the rows Django has not changed since.
 * Only the importer reads or writes it, with plain SQL, so it has no entity.
 */
export class DjangoImportRows1764547200000 implements MigrationInterface {
  name = 'DjangoImportRows1764547200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "django_import_rows" (
        "django_table" character varying(63) NOT NULL,
        "chunk" integer NOT NULL,
        "django_ids" bigint[] NOT NULL,
        "fingerprints" character varying(64)[] NOT NULL,
        "imported_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_django_import_rows" PRIMARY KEY ("django_table", "chunk")
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "django_import_rows"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/** A category filter ordered by name or stock walks these instead of filtering a whole-table index. */
export class CategoryOrderingIndexes1764374400000 implements MigrationInterface {
  name = 'CategoryOrderingIndexes1764374400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_products_category_name_id" ON "products" ("category_id", "name", "id")`);
    await queryRunner.query(`CREATE INDEX "IDX_products_category_stock_id" ON "products" ("category_id", "stock", "id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_products_category_stock_id"`);
    await queryRunner.query(`DROP INDEX "IDX_products_category_name_id"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

export class CatalogAndCart1764288000000 implements MigrationInterface {
  name = 'CatalogAndCart1764288000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Trigram indexes serve case-insensitive substring search (ILIKE '%…%') on product names.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`
      CREATE TABLE "categories" (
        "id" SERIAL NOT NULL,
        "name" character varying(255) NOT NULL,
        CONSTRAINT "PK_categories_id" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_categories_name_lower" ON "categories" (lower("name"))`);
    await queryRunner.query(`
      CREATE TABLE "products" (
        "id" SERIAL NOT NULL,
        "name" character varying(255) NOT NULL,
        "price" numeric(10,2) NOT NULL,
        "stock" integer NOT NULL,
        "category_id" integer NOT NULL,
        CONSTRAINT "CHK_products_price_non_negative" CHECK ("price" >= 0),
        CONSTRAINT "CHK_products_stock_non_negative" CHECK ("stock" >= 0),
        CONSTRAINT "PK_products_id" PRIMARY KEY ("id"),
        CONSTRAINT "FK_products_category" FOREIGN KEY ("category_id") REFERENCES "categories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_products_category_id_id" ON "products" ("category_id", "id")`);
    await queryRunner.query(`CREATE INDEX "IDX_products_category_price_id" ON "products" ("category_id", "price", "id")`);
    await queryRunner.query(`CREATE INDEX "IDX_products_price_id" ON "products" ("price", "id")`);
    await queryRunner.query(`CREATE INDEX "IDX_products_name_id" ON "products" ("name", "id")`);
    await queryRunner.query(`CREATE INDEX "IDX_products_stock_id" ON "products" ("stock", "id")`);
    await queryRunner.query(`CREATE INDEX "IDX_products_name_trgm" ON "products" USING gin ("name" gin_trgm_ops)`);
    await queryRunner.query(`
      CREATE TABLE "cart_items" (
        "id" SERIAL NOT NULL,
        "user_id" integer NOT NULL,
        "product_id" integer NOT NULL,
        "quantity" integer NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_cart_items_user_product" UNIQUE ("user_id", "product_id"),
        CONSTRAINT "CHK_cart_items_quantity_range" CHECK ("quantity" > 0 AND "quantity" <= 1000),
        CONSTRAINT "PK_cart_items_id" PRIMARY KEY ("id"),
        CONSTRAINT "FK_cart_items_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "FK_cart_items_product" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_cart_items_product" ON "cart_items" ("product_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "cart_items"`);
    await queryRunner.query(`DROP TABLE "products"`);
    await queryRunner.query(`DROP TABLE "categories"`);
  }
}

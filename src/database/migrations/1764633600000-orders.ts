import { MigrationInterface, QueryRunner } from 'typeorm';

/** Orders with their lines (a snapshot of name and price), and the Idempotency-Keys of checkouts. */
export class Orders1764633600000 implements MigrationInterface {
  name = 'Orders1764633600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "orders" (
        "id" SERIAL NOT NULL,
        "user_id" integer,
        "status" character varying(16) NOT NULL DEFAULT 'pending',
        "total_quantity" integer NOT NULL,
        "total_price" numeric(16,2) NOT NULL,
        "shipping_full_name" character varying(255) NOT NULL,
        "shipping_line1" character varying(255) NOT NULL,
        "shipping_line2" character varying(255) NOT NULL DEFAULT '',
        "shipping_city" character varying(255) NOT NULL,
        "shipping_postal_code" character varying(255) NOT NULL,
        "shipping_country" character(2) NOT NULL,
        "shipping_phone" character varying(255) NOT NULL DEFAULT '',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "CHK_orders_status" CHECK ("status" IN ('pending', 'paid', 'shipped', 'delivered', 'cancelled')),
        CONSTRAINT "CHK_orders_total_quantity_positive" CHECK ("total_quantity" > 0),
        CONSTRAINT "PK_orders_id" PRIMARY KEY ("id"),
        CONSTRAINT "FK_orders_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_orders_user_id" ON "orders" ("user_id", "id")`);
    await queryRunner.query(`CREATE INDEX "IDX_orders_status_id" ON "orders" ("status", "id")`);
    await queryRunner.query(`CREATE INDEX "IDX_orders_user_status_id" ON "orders" ("user_id", "status", "id")`);
    await queryRunner.query(`
      CREATE TABLE "order_items" (
        "id" SERIAL NOT NULL,
        "order_id" integer NOT NULL,
        "product_id" integer,
        "name" character varying(255) NOT NULL,
        "unit_price" numeric(10,2) NOT NULL,
        "quantity" integer NOT NULL,
        CONSTRAINT "CHK_order_items_quantity_range" CHECK ("quantity" > 0 AND "quantity" <= 1000),
        CONSTRAINT "CHK_order_items_unit_price_non_negative" CHECK ("unit_price" >= 0),
        CONSTRAINT "PK_order_items_id" PRIMARY KEY ("id"),
        CONSTRAINT "FK_order_items_order" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "FK_order_items_product" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE SET NULL ON UPDATE NO ACTION
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_order_items_order" ON "order_items" ("order_id")`);
    // Deleting a product sets its lines' product_id to null: without this index that is a scan of every line.
    await queryRunner.query(`CREATE INDEX "IDX_order_items_product" ON "order_items" ("product_id")`);
    await queryRunner.query(`
      CREATE TABLE "idempotency_keys" (
        "user_id" integer NOT NULL,
        "key" character varying(255) NOT NULL,
        "request_hash" character(64) NOT NULL,
        "claim_id" uuid NOT NULL,
        "order_id" integer,
        "locked_until" TIMESTAMP WITH TIME ZONE NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_idempotency_keys_user_key" PRIMARY KEY ("user_id", "key"),
        CONSTRAINT "FK_idempotency_keys_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "FK_idempotency_keys_order" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_idempotency_keys_order" ON "idempotency_keys" ("order_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
    await queryRunner.query(`DROP TABLE "order_items"`);
    await queryRunner.query(`DROP TABLE "orders"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The trigram index's pending list (GIN's fast update) stays under 256 kB, down from 4 MB:
 * every search scans the whole pending list, and a full one made `?search=` up to six times
 * slower (2.5 → 15 ms at a million products) until a vacuum merged it. Writes flush it more
 * often, about a quarter slower in bulk; fastupdate off would be six times slower.
 */
export class SearchIndexPendingList1764806400000 implements MigrationInterface {
  name = 'SearchIndexPendingList1764806400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER INDEX "IDX_products_name_trgm" SET (gin_pending_list_limit = 256)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER INDEX "IDX_products_name_trgm" RESET (gin_pending_list_limit)`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Product search by the suffixes of each name instead of its trigrams. `ILIKE '%chair 345%'`
 * on a trigram index intersects the trigrams of the term, and those of a common word (`cha`,
 * `hai`, `air`: one name in sixteen at a million products) have posting lists tens of
 * thousands long that the index reads through: 2.5 ms for 60 matches. Here the index keys are
 * the lowercased name's suffixes cut to 12 characters (`chair 345132`, `hair 345132`, …), so a
 * term is a prefix of a key: the index reads the keys starting with the term's first 12
 * characters, about one per match (0.07 ms for the same 60). The price is size: about 20 keys
 * a name (523 MB at a million products, where the trigram index took 40 MB).
 *
 * `product_name_suffixes` is costed as expensive on purpose: it builds a name's ~20 keys, and a
 * plan that evaluated it for every row (a sequential scan filtering on it) would take seconds at
 * a million products where the index takes milliseconds; the cost keeps the planner on the index.
 */
export class SearchSuffixIndex1764892800000 implements MigrationInterface {
  name = 'SearchSuffixIndex1764892800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION product_name_suffixes(name text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 10000 AS $$
        SELECT array_to_tsvector(array(
          SELECT DISTINCT substr(lowered, start, 12)
          FROM (SELECT lower(name) AS lowered) AS name_lowered, generate_series(1, length(lowered)) AS start))
      $$`);
    // A prefix query on the term's first 12 characters, taken literally (quotes and backslashes escaped).
    await queryRunner.query(`
      CREATE FUNCTION product_name_search(term text) RETURNS tsquery
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT ('''' || replace(replace(left(lower(term), 12), '\\', '\\\\'), '''', '''''') || ''':*')::tsquery
      $$`);
    // The pending list stays small for the same reason as the trigram index's (1764806400000).
    await queryRunner.query(
      `CREATE INDEX "IDX_products_name_suffixes" ON "products" USING gin (product_name_suffixes("name")) WITH (gin_pending_list_limit = 256)`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_products_name_trgm"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_products_name_trgm" ON "products" USING gin ("name" gin_trgm_ops) WITH (gin_pending_list_limit = 256)`);
    await queryRunner.query(`DROP INDEX "public"."IDX_products_name_suffixes"`);
    await queryRunner.query(`DROP FUNCTION product_name_search(text)`);
    await queryRunner.query(`DROP FUNCTION product_name_suffixes(text)`);
  }
}

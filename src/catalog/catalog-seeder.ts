import { DataSource } from 'typeorm';

export interface SeedSize {
  categories: number;
  products: number;
}

export interface SeedResult {
  categoriesCreated: number;
  productsCreated: number;
  seconds: number;
}

const ADJECTIVES = ['Compact', 'Classic', 'Smart', 'Wireless', 'Portable', 'Deluxe', 'Eco', 'Ultra', 'Mini', 'Pro', 'Vintage', 'Rugged'];
const NOUNS = ['Phone', 'Laptop', 'Headphones', 'Kettle', 'Backpack', 'Lamp', 'Camera', 'Speaker', 'Watch', 'Chair', 'Blender', 'Jacket', 'Drill', 'Tent', 'Monitor', 'Keyboard'];

/**
 * Fills a demo catalogue fast enough for a million products: the database generates each
 * batch itself (INSERT … SELECT FROM generate_series), so one statement carries tens of
 * thousands of rows. Running it again adds products and reuses the categories.
 */
export class CatalogSeeder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly progress: (line: string) => void,
    private readonly batchSize = 50_000,
  ) {}

  async seed(size: SeedSize): Promise<SeedResult> {
    const started = performance.now();
    const { ids, created } = await this.seedCategories(size.categories);
    this.progress(`categories: ${ids.length} ready (${created} new)`);
    await this.seedProducts(size.products, ids, started);
    // Fresh statistics, so the planner knows the table grew before the first listing.
    await this.dataSource.query('ANALYZE products');
    return { categoriesCreated: created, productsCreated: size.products, seconds: (performance.now() - started) / 1000 };
  }

  /** "Category 1" … "Category N", reusing those that exist (names are unique case-insensitively). */
  private seedCategories(count: number): Promise<{ ids: number[]; created: number }> {
    return this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO categories (name)
         SELECT 'Category ' || g FROM generate_series(1, $1::int) AS g
         ON CONFLICT (lower(name)) DO NOTHING
         RETURNING id`,
        [count],
      );
      const rows: Array<{ id: number }> = await manager.query(
        `SELECT c.id FROM categories c
         JOIN generate_series(1, $1::int) AS g ON lower(c.name) = lower('Category ' || g)
         ORDER BY g`,
        [count],
      );
      return { ids: rows.map((row) => row.id), created: inserted.length };
    });
  }

  private async seedProducts(count: number, categoryIds: number[], started: number): Promise<void> {
    const [{ start }]: Array<{ start: number }> = await this.dataSource.query(
      'SELECT coalesce(max(id), 0)::int AS start FROM products',
    );
    let done = 0;
    while (done < count) {
      const rows = Math.min(this.batchSize, count - done);
      const first = start + done + 1;
      await this.dataSource.transaction((manager) => manager.query(INSERT_PRODUCTS, [first, first + rows - 1, categoryIds, ADJECTIVES, NOUNS]));
      done += rows;
      const seconds = (performance.now() - started) / 1000;
      const percent = Math.floor((done * 100) / count);
      this.progress(`products: ${done.toLocaleString('en')} / ${count.toLocaleString('en')} (${percent}%), ${Math.round(done / seconds).toLocaleString('en')} rows/s`);
    }
  }
}

// Names, prices and stocks are spread deterministically by the row number g (no float
// arithmetic leaves the database; prices land between 0.01 and 999.99, every tenth product
// is out of stock). $1–$2 bound the numbers, $3 the categories, $4/$5 the words.
const INSERT_PRODUCTS = `
  INSERT INTO products (name, price, stock, category_id)
  SELECT ($4::text[])[1 + g % cardinality($4::text[])] || ' '
           || ($5::text[])[1 + (g / cardinality($4::text[])) % cardinality($5::text[])] || ' ' || g,
         ((g::bigint * 7919) % 99999 + 1)::numeric / 100,
         CASE WHEN g % 10 = 0 THEN 0 ELSE (g::bigint * 37) % 500 + 1 END,
         ($3::int[])[1 + g % cardinality($3::int[])]
  FROM generate_series($1::int, $2::int) AS g`;

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CacheInvalidations } from '../cache/cache-invalidations.js';
import { TtlCache } from '../cache/ttl-cache.js';
import { Sql, Statement } from '../database/sql.js';
import { EntityManager, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import { sqlState } from '../common/errors/database-errors.js';
import { NotFoundError } from '../common/errors/domain-errors.js';
import { MAX_PAGE_DEPTH, PageRequest } from '../common/pagination/pagination.js';
import { CategoriesService } from './categories.service.js';
import { InvalidCategoryFilter, UnknownCategory } from './catalog.errors.js';
import { CountCache } from './count-cache.js';
import { PartialProductRequestDto, ProductRequestDto } from './dto/product-requests.dto.js';
import { Product } from './entities/product.entity.js';
import { CursorPosition, ProductCursor } from './product-cursor.js';
import { orderingText, ProductOrdering, valueKeys } from './product-ordering.js';
import { containsPattern } from '../common/validation/search-pattern.js';

const SELECT_PRODUCT: Statement = {
  name: 'product_select',
  text: 'SELECT id, name, price::text AS price, stock, category_id AS "categoryId" FROM products WHERE id = $1',
};

/**
 * Listing pages (and their counts) are kept for a second, for every instance: a popular
 * listing or search is answered from memory instead of a query per request, and a product
 * written through the API drops them everywhere at once (CacheInvalidations). Stock shown in
 * a listing may lag a checkout by that second; product detail, cart and checkout read it live.
 */
const PRODUCT_LISTINGS = 'product-listings';
const LISTING_TTL_MS = 1000;

/**
 * A search with at most this many matches is answered from its matches (see fromMatches):
 * every page page-number mode reaches lies among them.
 */
const MATCHES_FIRST_LIMIT = MAX_PAGE_DEPTH;

/**
 * Terms this long are looked up in the index of name suffixes (migration 1764892800000);
 * shorter ones match so many names that reading them in id order, filtering, is cheaper.
 */
const SUFFIX_SEARCH_MIN_LENGTH = 3;

export interface ProductFilters {
  category?: number;
  minPrice?: string;
  maxPrice?: string;
  inStock?: boolean;
  search?: string;
}

/** One page-number page and the count of every row the filters match. */
export interface ProductPage {
  count: number;
  products: Product[];
}

/** One cursor-mode page and the cursors of its neighbours (null when there is none). */
export interface ProductSlice {
  products: Product[];
  next: ProductCursor | null;
  previous: ProductCursor | null;
}

/** A row of fromMatches: a product, and how many rows matched. */
type MatchRow = Product & { matches: string };

type ProductColumns = Partial<Pick<Product, 'name' | 'price' | 'stock' | 'categoryId'>>;

@Injectable()
export class ProductsService {
  private readonly counts: CountCache;
  private readonly pages: TtlCache<ProductPage>;
  private readonly slices: TtlCache<ProductSlice>;

  constructor(
    @InjectRepository(Product) private readonly products: Repository<Product>,
    private readonly categories: CategoriesService,
    private readonly sql: Sql,
    private readonly invalidations: CacheInvalidations,
  ) {
    this.counts = new CountCache(invalidations, PRODUCT_LISTINGS);
    this.pages = new TtlCache(PRODUCT_LISTINGS, invalidations, LISTING_TTL_MS, 1000);
    this.slices = new TtlCache(PRODUCT_LISTINGS, invalidations, LISTING_TTL_MS, 1000);
  }

  /** By primary key, a prepared statement: TypeORM's query building and hydration were most of a product read's CPU. */
  async get(id: number): Promise<Product> {
    const [product] = await this.sql.query<Product>(SELECT_PRODUCT, [id]);
    if (!product) throw new NotFoundError();
    return product;
  }

  async create(dto: ProductRequestDto): Promise<Product> {
    await this.assertCategoryExists(dto.category);
    const columns = { name: dto.name, price: dto.price, stock: dto.stock, categoryId: dto.category };
    const result = await this.writing(dto.category, () => this.products.insert(columns));
    return Object.assign(new Product(), columns, { id: result.identifiers[0].id as number });
  }

  /** PUT and PATCH alike: the DTO holds the fields to change. */
  async update(id: number, dto: PartialProductRequestDto): Promise<Product> {
    const product = await this.get(id);
    const changes = definedOnly<ProductColumns>({ name: dto.name, price: dto.price, stock: dto.stock, categoryId: dto.category });
    if (Object.keys(changes).length === 0) return product;
    if (dto.category !== undefined) await this.assertCategoryExists(dto.category);
    const result = await this.writing(dto.category, () => this.products.update({ id }, changes));
    if (result.affected === 0) throw new NotFoundError();
    return Object.assign(product, changes);
  }

  /** Cart lines holding the product go with it (ON DELETE CASCADE). */
  async delete(id: number): Promise<void> {
    const { affected } = await this.products.delete({ id });
    this.invalidations.publish(PRODUCT_LISTINGS, null);
    if (affected === 0) throw new NotFoundError();
  }

  /** An offset page; the count may be up to a second old (see CountCache). */
  async listPage(filters: ProductFilters, ordering: ProductOrdering, page: PageRequest): Promise<ProductPage> {
    const key = JSON.stringify([filters, orderingText(ordering), page.offset, page.pageSize]);
    const listed = await this.pages.getOrLoad(key, () => this.loadPage(filters, ordering, page));
    if (listed.products.length === 0) await this.assertCategoryFilterValid(filters);
    return listed;
  }

  private async loadPage(filters: ProductFilters, ordering: ProductOrdering, page: PageRequest): Promise<ProductPage> {
    const found = await this.fromMatches(filters, page.offset === 0, (query) =>
      this.ordered(query, ordering, false).offset(page.offset).limit(page.pageSize),
    );
    if (found) return found;
    const count = await this.counts.get(JSON.stringify(filters), () => this.count(filters));
    // A page past the end is answered 404 by the caller; it costs no query.
    const pastTheEnd = page.offset > 0 && page.offset >= count;
    const products = pastTheEnd ? [] : await this.pageAt(filters, ordering, page);
    return { count, products };
  }

  /**
   * A deferred join: the OFFSET walks the ordering's index for ids alone (an index-only scan
   * where the index covers the filters), and only the page's rows are read from the table. At
   * a million products, `?category=3&ordering=price` 9,000 rows deep took 21 ms reading every
   * skipped row from the table, 1.9 ms so.
   */
  private pageAt(filters: ProductFilters, ordering: ProductOrdering, page: PageRequest): Promise<Product[]> {
    const ids = this.ordered(this.filtered(filters).select('product.id'), ordering, false).offset(page.offset).limit(page.pageSize);
    const query = this.products.createQueryBuilder('listed').where(`listed.id IN (${ids.getQuery()})`).setParameters(ids.getParameters());
    return this.ordered(query, ordering, false, 'listed').getMany();
  }

  /** A keyset page: after (or, backward, before) a position; cost independent of depth. */
  listSlice(filters: ProductFilters, ordering: ProductOrdering, pageSize: number, cursor?: ProductCursor): Promise<ProductSlice> {
    const key = JSON.stringify([filters, orderingText(ordering), pageSize, cursor ?? null]);
    return this.slices.getOrLoad(key, () => this.sliceOf(filters, ordering, pageSize, cursor));
  }

  private async sliceOf(filters: ProductFilters, ordering: ProductOrdering, pageSize: number, cursor?: ProductCursor): Promise<ProductSlice> {
    if (cursor?.backward) {
      const rows = await this.keyset(filters, ordering, pageSize + 1, cursor.position, true);
      // Fewer rows than a page before the position: the previous page is the first page.
      if (rows.length >= pageSize) {
        const products = rows.slice(0, pageSize).reverse();
        return {
          products,
          previous: rows.length > pageSize ? this.cursorAt(products[0], ordering, true) : null,
          next: this.cursorAt(products[products.length - 1], ordering, false),
        };
      }
      cursor = undefined;
    }
    const rows = await this.keyset(filters, ordering, pageSize + 1, cursor?.position, false);
    const products = rows.slice(0, pageSize);
    if (products.length === 0) await this.assertCategoryFilterValid(filters);
    let previous: ProductCursor | null = null;
    if (cursor) previous = products.length > 0 ? this.cursorAt(products[0], ordering, true) : { ...cursor, backward: true };
    return {
      products,
      previous,
      next: rows.length > pageSize ? this.cursorAt(products[pageSize - 1], ordering, false) : null,
    };
  }

  private cursorAt(product: Product, ordering: ProductOrdering, backward: boolean): ProductCursor {
    const position: CursorPosition = { values: valueKeys(ordering).map((key) => product[key.field]), id: product.id };
    return { position, backward };
  }

  private async keyset(
    filters: ProductFilters,
    ordering: ProductOrdering,
    limit: number,
    position: CursorPosition | undefined,
    backward: boolean,
  ): Promise<Product[]> {
    const walk = <T extends ObjectLiteral>(query: SelectQueryBuilder<T>): SelectQueryBuilder<T> => {
      this.ordered(query, ordering, backward);
      if (position) {
        const { condition, parameters } = afterPosition(ordering, position, backward);
        query.andWhere(condition, parameters);
      }
      return query.limit(limit);
    };
    const found = await this.fromMatches(filters, position === undefined, walk);
    return found ? found.products : walk(this.filtered(filters)).getMany();
  }

  /**
   * "Matches first", for a search not known to match more than MATCHES_FIRST_LIMIT rows: the
   * rows the filters match, at most MATCHES_FIRST_LIMIT + 1 of them, taken from the suffix
   * index into a materialized CTE, then ordered and cut by `shape`; their count comes with the
   * page, in the same statement, and is kept in the count cache. Left to itself, PostgreSQL
   * guesses that a substring search matches about 1% of the rows wherever they lie, and for
   * `ORDER BY id LIMIT 20` walks the primary key, filtering: at a million products a term whose
   * matches sit late in the catalogue read 700,000 rows for 20 (0.5 s). Null when not such a
   * search, or when the answer is not known to be complete: more matches than the CTE holds
   * (the planner's own plan then suits, the term being common), or no row at all after a
   * position or an offset (the count rides on the rows).
   */
  private async fromMatches(
    filters: ProductFilters,
    fromTheStart: boolean,
    shape: (query: SelectQueryBuilder<MatchRow>) => SelectQueryBuilder<MatchRow>,
  ): Promise<ProductPage | null> {
    if (filters.search === undefined || this.isCommonSearch(filters)) return null;
    const matches = this.filtered(filters)
      .select(['product.id', 'product.name', 'product.price', 'product.stock', 'product.categoryId'])
      .limit(MATCHES_FIRST_LIMIT + 1);
    const query = this.products.manager
      .createQueryBuilder()
      .from<MatchRow>('matches', 'product')
      .addCommonTableExpression(matches, 'matches', { materialized: true, columnNames: ['id', 'name', 'price', 'stock', 'category_id'] })
      .select('product.id', 'id')
      .addSelect('product.name', 'name')
      .addSelect('product.price::text', 'price')
      .addSelect('product.stock', 'stock')
      .addSelect('product.category_id', 'categoryId')
      .addSelect('(SELECT count(*) FROM matches)', 'matches');
    const rows = await shape(query).getRawMany<MatchRow>();
    if (rows.length === 0 && !fromTheStart) return null;
    const count = rows.length === 0 ? 0 : Number.parseInt(rows[0].matches, 10);
    if (count > MATCHES_FIRST_LIMIT) return null;
    this.counts.set(JSON.stringify(filters), count);
    return { count, products: rows.map(({ matches: _, ...product }) => product) };
  }

  /** A search known to match more than MATCHES_FIRST_LIMIT rows (its count says so). */
  private isCommonSearch(filters: ProductFilters): boolean {
    return filters.search !== undefined && (this.counts.peek(JSON.stringify(filters)) ?? 0) > MATCHES_FIRST_LIMIT;
  }

  /**
   * A search takes the suffix index unless its term is known to be common: then its pages are
   * left to the ILIKE alone, since a walk of an ordering's index that filters each row finds a
   * page of a term in one name of sixteen in a few hundred rows (0.15 ms at a million products),
   * where the index reads every match first (36 ms for `chair`'s 62,496). Counts ask for the
   * index whatever the term (`bySuffix: true`): 46 ms for `chair`, 367 ms filtering every row.
   */
  private filtered(
    filters: ProductFilters,
    { manager = this.products.manager, bySuffix = !this.isCommonSearch(filters) }: { manager?: EntityManager; bySuffix?: boolean } = {},
  ): SelectQueryBuilder<Product> {
    const query = manager.createQueryBuilder(Product, 'product');
    if (filters.category !== undefined) query.andWhere('product.categoryId = :category', { category: filters.category });
    if (filters.minPrice !== undefined) query.andWhere('product.price >= :minPrice', { minPrice: filters.minPrice });
    if (filters.maxPrice !== undefined) query.andWhere('product.price <= :maxPrice', { maxPrice: filters.maxPrice });
    if (filters.inStock !== undefined) query.andWhere(filters.inStock ? 'product.stock > 0' : 'product.stock = 0');
    if (filters.search) {
      if (bySuffix && [...filters.search].length >= SUFFIX_SEARCH_MIN_LENGTH) {
        query.andWhere('product_name_suffixes(product.name) @@ product_name_search(:term)', { term: filters.search });
      }
      // Exact, whatever the index found: the keys hold only the first 12 characters of a term.
      query.andWhere('product.name ILIKE :search', { search: containsPattern(filters.search) });
    }
    return query;
  }

  /** Every key in its direction (all reversed to walk backward); the last key is id, the tie-breaker. */
  private ordered<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, ordering: ProductOrdering, reverse: boolean, alias = 'product'): SelectQueryBuilder<T> {
    for (const key of ordering.keys) query.addOrderBy(`${alias}.${key.field}`, key.descending === reverse ? 'ASC' : 'DESC');
    return query;
  }

  /**
   * One worker process: a parallel count of a large table would take every core of the
   * database server for its duration and stall the requests being served meanwhile.
   */
  private count(filters: ProductFilters): Promise<number> {
    return this.products.manager.transaction(async (manager) => {
      await manager.query('SET LOCAL max_parallel_workers_per_gather = 0');
      const row = await this.filtered(filters, { manager, bySuffix: true }).select('count(*)', 'count').getRawOne<{ count: string }>();
      return Number.parseInt(row?.count ?? '0', 10);
    });
  }

  /** django-filter answers 400 for `?category=` naming no category; checked only when nothing matched. */
  private async assertCategoryFilterValid(filters: ProductFilters): Promise<void> {
    if (filters.category !== undefined && !(await this.categories.exists(filters.category))) throw new InvalidCategoryFilter();
  }

  private async assertCategoryExists(id: number): Promise<void> {
    if (!(await this.categories.exists(id))) throw new UnknownCategory(id);
  }

  /** Maps the foreign key violation of a category deleted meanwhile; any write makes the counts stale. */
  private async writing<T>(categoryId: number | undefined, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (sqlState(error) === '23503' && categoryId !== undefined) throw new UnknownCategory(categoryId);
      throw error;
    } finally {
      this.invalidations.publish(PRODUCT_LISTINGS, null);
    }
  }
}

function definedOnly<T extends object>(values: T): T {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as T;
}

/**
 * "Comes after the position" in the walking order, as a condition the planner can start an
 * index range scan from, at any depth:
 *
 * - every key in one direction (`price`, `-price,-name`): one row comparison,
 *   `(price, id) > ($1, $2)`, which a btree index on `(price, id)` answers as a range;
 * - mixed directions (`-price,name`): a row comparison cannot say it, so the condition is
 *   spelled out (`price < $1 OR (price = $1 AND (name > $2 OR (name = $2 AND id > $3)))`), and
 *   the redundant bound on the first key (`price <= $1`) lets the planner scan the first key's
 *   index from the position instead of reading the table; the rows tied on that key are
 *   sorted by the rest (an incremental sort, a group at a time).
 */
function afterPosition(ordering: ProductOrdering, position: CursorPosition, backward: boolean): { condition: string; parameters: Record<string, unknown> } {
  const values = [...position.values, position.id];
  const parameters = Object.fromEntries(values.map((value, index) => [`position${index}`, value]));
  const column = (index: number) => `product.${ordering.keys[index].field}`;
  // Walking in the key's own order means "greater than", whatever the direction.
  const operator = (index: number) => (ordering.keys[index].descending === backward ? '>' : '<');
  const uniform = ordering.keys.every((key) => key.descending === ordering.keys[0].descending);
  if (uniform) {
    const columns = ordering.keys.map((_, index) => column(index));
    const placeholders = ordering.keys.map((_, index) => `:position${index}`);
    const condition = columns.length === 1 ? `${columns[0]} ${operator(0)} ${placeholders[0]}` : `(${columns.join(', ')}) ${operator(0)} (${placeholders.join(', ')})`;
    return { condition, parameters };
  }
  let expanded = `${column(values.length - 1)} ${operator(values.length - 1)} :position${values.length - 1}`;
  for (let index = values.length - 2; index >= 0; index--) {
    expanded = `${column(index)} ${operator(index)} :position${index} OR (${column(index)} = :position${index} AND (${expanded}))`;
  }
  return { condition: `${column(0)} ${operator(0)}= :position0 AND (${expanded})`, parameters };
}

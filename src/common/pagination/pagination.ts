import { Transform } from 'class-transformer';
import { Allow } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { FieldValidationError, NotFoundError } from '../errors/domain-errors.js';
import { toInteger } from '../validation/drf-fields.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** `?page=&page_size=` as every paginated list takes them. */
export class PageQueryDto {
  /** 1-based page number; a page that is not a positive integer or lies past the end → 404 "Invalid page.". */
  @Allow()
  page?: unknown;

  /** Results per page (default 20); above 100 counts as 100, anything but a positive integer as the default. */
  @Allow()
  @Transform(({ value }) => pageSize(value))
  page_size?: number;
}

// Python's int(): surrounding whitespace, a sign, and single underscores between digits.
const PYTHON_INT = /^\s*[+-]?\d+(?:_\d+)*\s*$/;

/**
 * DRF's `get_page_size` (`_positive_int(value, strict=True, cutoff=max_page_size)`): a value
 * above the maximum is capped, and one that is not a positive integer ("0", "-1", "ten",
 * "2.5") is ignored, so the default applies. Never an error: a DRF client that sends
 * `page_size=500` gets 100 results, not a 400. (A repeated parameter arrives as its last
 * value: see the querystring parser in app.setup.ts.)
 */
export function pageSize(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || text.length > 1000 || !PYTHON_INT.test(text)) return undefined;
  const size = Number.parseInt(text.replaceAll('_', '').trim(), 10);
  return size >= 1 ? Math.min(size, MAX_PAGE_SIZE) : undefined;
}

export interface PageRequest {
  page: number;
  pageSize: number;
  offset: number;
}

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

/**
 * How deep page-number paging goes in the listings that also have cursor mode, as
 * Elasticsearch's `max_result_window`: an OFFSET walks every row before the page (1.5 s at
 * 900,000 rows under load), a cursor page costs the same at any depth.
 */
export const MAX_PAGE_DEPTH = 10_000;

const invalidPage = () => new NotFoundError('Invalid page.');

export class PageTooDeep extends FieldValidationError {
  constructor() {
    super({
      page: [
        `Page-number paging reaches the first ${MAX_PAGE_DEPTH} results; go deeper in cursor mode: add mode=cursor and follow the next links.`,
      ],
    });
  }
}

/**
 * DRF's PageNumberPagination: a bad page number is a 404 "Invalid page.", as in Django. In a
 * listing with cursor mode (`cursorMode`), a page beyond MAX_PAGE_DEPTH results is a 400 that
 * says to use it.
 */
export function pageRequest(query: PageQueryDto, options: { cursorMode?: boolean } = {}): PageRequest {
  const page = query.page === undefined ? 1 : toInteger(query.page);
  if (page === null || page < 1) throw invalidPage();
  const pageSize = query.page_size ?? DEFAULT_PAGE_SIZE;
  const offset = (page - 1) * pageSize;
  if (options.cursorMode && offset + pageSize > MAX_PAGE_DEPTH) throw new PageTooDeep();
  return { page, pageSize, offset };
}

/** An absolute URL for a path of this server, as the client reached it. */
export function urlFor(request: FastifyRequest, path: string): string {
  return new URL(path, `${request.protocol}://${request.host}`).toString();
}

/** The request's own URL, absolute, with one query parameter replaced (or removed when null). */
export function absoluteUrl(request: FastifyRequest, changes: Record<string, string | null>): string {
  const url = new URL(request.url, `${request.protocol}://${request.host}`);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) url.searchParams.delete(name);
    else url.searchParams.set(name, value);
  }
  return url.toString();
}

export function buildPage<T>(request: FastifyRequest, page: PageRequest, count: number, results: T[]): Page<T> {
  const lastPage = Math.max(1, Math.ceil(count / page.pageSize));
  if (page.page > lastPage) throw invalidPage();
  return {
    count,
    next: page.page < lastPage ? absoluteUrl(request, { page: String(page.page + 1) }) : null,
    previous:
      page.page > 1 ? absoluteUrl(request, { page: page.page === 2 ? null : String(page.page - 1) }) : null,
    results,
  };
}

import type { DataProvider, GetListParams, GetListResult, Identifier, RaRecord } from 'react-admin';
import type { CursorPage, DrfPage, Order } from '../types';
import { call, HttpError, type Query } from './client';

/** The console's resources, their list paths, and the `ordering` keys each list accepts. */
const RESOURCES: Record<string, { path: string; ordering: string[] }> = {
  products: { path: '/products/', ordering: ['id', 'name', 'price', 'stock'] },
  categories: { path: '/categories/', ordering: [] },
  orders: { path: '/orders/', ordering: [] },
  accounts: { path: '/accounts/', ordering: ['id', 'username', 'date_joined', 'last_login'] },
};
/** DRF caps page_size at 100; asking for more would silently get 100. */
const MAX_PAGE_SIZE = 100;

function resourceOf(name: string) {
  const resource = RESOURCES[name];
  if (!resource) throw new Error(`Unknown resource "${name}"`);
  return resource;
}

const itemPath = (resource: string, id: Identifier) => `${resourceOf(resource).path}${encodeURIComponent(String(id))}/`;

/** react-admin's filter values as query parameters: `q` is DRF's `search`; empty values are no filter. */
function filterQuery(filter: Record<string, unknown> = {}): Query {
  const query: Query = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === null || value === '') continue;
    query[key === 'q' ? 'search' : key] = typeof value === 'boolean' || typeof value === 'number' ? value : String(value);
  }
  return query;
}

function listQuery(resource: string, params: GetListParams): Query {
  const query = filterQuery(params.filter);
  const { field, order } = params.sort ?? { field: '', order: 'ASC' };
  if (resourceOf(resource).ordering.includes(field)) query.ordering = order === 'DESC' ? `-${field}` : field;
  return query;
}

const pageSize = (params: GetListParams) => Math.min(params.pagination?.perPage ?? 20, MAX_PAGE_SIZE);

/** The `cursor` parameter of a cursor-mode link, or null when the link has none (the first page). */
function cursorOf(link: string | null): string | null {
  return link ? new URL(link).searchParams.get('cursor') : null;
}

/**
 * Cursor mode (`meta: { cursor: true }`): every page costs the same at any depth, because the
 * server answers a keyset range scan instead of an OFFSET. react-admin counts pages, the API
 * hands out links: the cursor of page n+1 is remembered from page n's `next`. A page reached
 * without one (a jump, a bookmarked ?page=) is fetched in page mode, which is correct, only
 * not constant-cost. The total comes from the first page's count (cached by the server).
 */
function cursorLists() {
  const cursors = new Map<string, string>();
  const totals = new Map<string, number>();

  return async function cursorList(resource: string, params: GetListParams): Promise<GetListResult> {
    const { path } = resourceOf(resource);
    const query = { ...listQuery(resource, params), page_size: pageSize(params) };
    const key = JSON.stringify([resource, query]);
    const page = params.pagination?.page ?? 1;
    const cursor = page === 1 ? '' : cursors.get(`${key}#${page}`);

    if (cursor === undefined) {
      const body = await pageList(path, { ...query, page });
      totals.set(key, body.count);
      return { data: body.results, total: body.count };
    }
    const [body, total] = await Promise.all([
      call<CursorPage<RaRecord>>('GET', path, { query: cursor ? { ...query, cursor } : { ...query, mode: 'cursor' } }),
      page === 1 || !totals.has(key)
        ? call<DrfPage<RaRecord>>('GET', path, { query: { ...query, page_size: 1 } }).then((first) => first.count)
        : Promise.resolve(totals.get(key)!),
    ]);
    totals.set(key, total);
    const next = cursorOf(body.next);
    if (next) cursors.set(`${key}#${page + 1}`, next);
    return { data: body.results, total };
  };
}

/**
 * One page in page mode. A page past the end (404 "Invalid page.", e.g. after deleting the
 * last rows of the last page) answers an empty page with the real total, so react-admin
 * moves back to the last page instead of showing an error.
 */
async function pageList(path: string, query: Query): Promise<DrfPage<RaRecord>> {
  try {
    return await call<DrfPage<RaRecord>>('GET', path, { query });
  } catch (error) {
    if (!(error instanceof HttpError) || error.status !== 404 || query.page === 1) throw error;
    const first = await call<DrfPage<RaRecord>>('GET', path, { query: { ...query, page: 1, page_size: 1 } });
    return { ...first, results: [] };
  }
}

/** Only what the form changed: PATCH semantics, and no read-only field sent back. */
function changes(data: Record<string, unknown>, previous: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!previous) return data;
  return Object.fromEntries(Object.entries(data).filter(([key, value]) => key !== 'id' && JSON.stringify(value) !== JSON.stringify(previous[key])));
}

/** Runs every call; if some fail, rejects with how many and why (each DELETE is its own request). */
async function each<T>(ids: Identifier[], run: (id: Identifier) => Promise<T>): Promise<Identifier[]> {
  const outcomes = await Promise.allSettled(ids.map(run));
  const failures = outcomes.flatMap((outcome, index) => (outcome.status === 'rejected' ? [{ id: ids[index], reason: outcome.reason as Error }] : []));
  if (failures.length > 0) {
    const reasons = [...new Set(failures.map((failure) => failure.reason.message))].join(' ');
    const status = failures[0].reason instanceof HttpError ? failures[0].reason.status : 500;
    throw new HttpError(`${failures.length} of ${ids.length} failed (#${failures.map((failure) => failure.id).join(', #')}): ${reasons}`, status);
  }
  return ids;
}

export type OrderAction = 'paid' | 'shipped' | 'delivered' | 'cancel';

export interface StoredealDataProvider extends DataProvider {
  /** PATCH /orders/{id}/ {"status": …} one step forward, or POST /orders/{id}/cancel/. */
  moveOrder(id: Identifier, action: OrderAction): Promise<{ data: Order }>;
}

export function storedealDataProvider(): StoredealDataProvider {
  const cursorList = cursorLists();

  const provider: StoredealDataProvider = {
    async getList(resource, params) {
      if (params.meta?.cursor) return cursorList(resource, params);
      const query = { ...listQuery(resource, params), page: params.pagination?.page ?? 1, page_size: pageSize(params) };
      const body = await pageList(resourceOf(resource).path, query);
      return { data: body.results, total: body.count };
    },

    async getOne(resource, { id }) {
      return { data: await call('GET', itemPath(resource, id)) };
    },

    // No `?id__in=`: one GET per distinct id (react-admin batches them; the server sends ETags).
    async getMany(resource, { ids }) {
      const unique = [...new Set(ids)];
      return { data: await Promise.all(unique.map((id) => call<never>('GET', itemPath(resource, id)))) };
    },

    async getManyReference(resource, params) {
      return provider.getList(resource, { ...params, filter: { ...params.filter, [params.target]: params.id } });
    },

    async create(resource, { data }) {
      return { data: await call('POST', resourceOf(resource).path, { body: data }) };
    },

    async update(resource, { id, data, previousData }) {
      return { data: await call('PATCH', itemPath(resource, id), { body: changes(data, previousData) }) };
    },

    async updateMany(resource, { ids, data }) {
      return { data: await each(ids, (id) => call('PATCH', itemPath(resource, id), { body: data })) };
    },

    async delete(resource, { id, previousData }) {
      await call('DELETE', itemPath(resource, id));
      return { data: previousData ?? ({ id } as never) };
    },

    async deleteMany(resource, { ids }) {
      return { data: await each(ids, (id) => call('DELETE', itemPath(resource, id))) };
    },

    async moveOrder(id, action) {
      const data =
        action === 'cancel'
          ? await call<Order>('POST', `${itemPath('orders', id)}cancel/`)
          : await call<Order>('PATCH', itemPath('orders', id), { body: { status: action } });
      return { data };
    },
  };
  return provider;
}

export const dataProvider = storedealDataProvider();

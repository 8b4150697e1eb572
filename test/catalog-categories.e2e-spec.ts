import { DataSource } from 'typeorm';
import { CategoriesService } from '../src/catalog/categories.service.js';
import { TestApp } from './support/test-app.js';
import { createUser, TestUser, uniqueName } from './support/users.js';

const NAME_TAKEN = 'category with this name already exists.';
const FORBIDDEN = { detail: 'You do not have permission to perform this action.' };
const NOT_FOUND = { detail: 'Not found.' };

describe('categories', () => {
  let app: TestApp;
  let staff: TestUser;
  let customer: TestUser;

  beforeAll(async () => {
    app = await TestApp.start();
    staff = await createUser(app, { staff: true });
    customer = await createUser(app);
  });
  afterAll(async () => {
    await app.close();
  });

  async function createCategory(name = uniqueName('Category')): Promise<{ id: number; name: string }> {
    const response = await app.post('/categories/', { name }, { token: staff.access });
    expect(response.status).toBe(201);
    return response.body;
  }

  describe('create', () => {
    it('creates a category with a trimmed name', async () => {
      const name = uniqueName('Phones');
      const response = await app.post('/categories/', { name: `  ${name}  `, id: 999999, extra: 'ignored' }, { token: staff.access });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({ id: expect.any(Number), name });
      expect(response.body.id).not.toBe(999999);
    });

    it('works without the trailing slash', async () => {
      const response = await app.post('/categories', { name: uniqueName('NoSlash') }, { token: staff.access });
      expect(response.status).toBe(201);
    });

    it('accepts exactly 255 characters', async () => {
      const name = uniqueName('x').padEnd(255, 'x');
      const response = await app.post('/categories/', { name }, { token: staff.access });
      expect(response.status).toBe(201);
      expect(response.body.name).toBe(name);
    });

    it.each([
      ['missing', {}, 'This field is required.'],
      ['null', { name: null }, 'This field may not be null.'],
      ['empty', { name: '' }, 'This field may not be blank.'],
      ['only spaces', { name: '   ' }, 'This field may not be blank.'],
      ['too long', { name: 'n'.repeat(256) }, 'Ensure this field has no more than 255 characters.'],
      ['a list', { name: ['Phones'] }, 'Not a valid string.'],
    ])('rejects a name that is %s', async (_label, body, message) => {
      const response = await app.post('/categories/', body, { token: staff.access });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ name: [message] });
    });

    it('rejects a duplicate name, whatever its case', async () => {
      const { name } = await createCategory();
      for (const duplicate of [name, name.toUpperCase(), ` ${name.toLowerCase()} `]) {
        const response = await app.post('/categories/', { name: duplicate }, { token: staff.access });
        expect(response.status).toBe(400);
        expect(response.body).toEqual({ name: [NAME_TAKEN] });
      }
    });

    it('gives exactly one 201 when many requests race for the same name', async () => {
      const name = uniqueName('Race');
      const attempts = Array.from({ length: 24 }, (_, i) =>
        app.post('/categories/', { name: i % 2 ? name.toUpperCase() : name }, { token: staff.access }),
      );
      const responses = await Promise.all(attempts);
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      expect(statuses.filter((status) => status === 400)).toHaveLength(23);
      for (const response of responses.filter((r) => r.status === 400)) {
        expect(response.body).toEqual({ name: [NAME_TAKEN] });
      }
    });

    it('maps the unique index violation when the check is raced past', async () => {
      const { name } = await createCategory();
      const service = app.app.get(CategoriesService);
      // Pretend the name was free when checked, as it is for a concurrent request.
      const check = vi.spyOn(service as unknown as { assertNameFree: () => Promise<void> }, 'assertNameFree').mockResolvedValue();
      try {
        const response = await app.post('/categories/', { name: name.toUpperCase() }, { token: staff.access });
        expect(response.status).toBe(400);
        expect(response.body).toEqual({ name: [NAME_TAKEN] });
      } finally {
        check.mockRestore();
      }
    });

    it('asks anonymous callers to authenticate', async () => {
      const response = await app.post('/categories/', { name: uniqueName('Anon') });
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ detail: 'Authentication credentials were not provided.' });
      expect(response.headers['www-authenticate']).toBe('Bearer realm="api"');
    });

    it('forbids non-staff users', async () => {
      const response = await app.post('/categories/', { name: uniqueName('Customer') }, { token: customer.access });
      expect(response.status).toBe(403);
      expect(response.body).toEqual(FORBIDDEN);
    });

    it('checks permission before validation', async () => {
      const response = await app.post('/categories/', {}, { token: customer.access });
      expect(response.status).toBe(403);
    });
  });

  describe('read', () => {
    it('lets anyone read one category', async () => {
      const category = await createCategory();
      for (const url of [`/categories/${category.id}/`, `/categories/${category.id}`]) {
        const response = await app.get(url);
        expect(response.status).toBe(200);
        expect(response.body).toEqual(category);
      }
      const asCustomer = await app.get(`/categories/${category.id}/`, { token: customer.access });
      expect(asCustomer.body).toEqual(category);
    });

    it.each(['/categories/2147483647/', '/categories/abc/', '/categories/0/', '/categories/-1/', '/categories/99999999999/'])(
      'answers 404 for %s',
      async (url) => {
        const response = await app.get(url);
        expect(response.status).toBe(404);
        expect(response.body).toEqual(NOT_FOUND);
      },
    );

    it('still rejects a bad token on a public route', async () => {
      const response = await app.get('/categories/', { headers: { authorization: 'Bearer not-a-token' } });
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('token_not_valid');
    });
  });

  describe('list', () => {
    const token = uniqueName('list');
    let created: Array<{ id: number; name: string }>;

    beforeAll(async () => {
      // Created out of order: the list sorts by name.
      created = [];
      for (const suffix of ['charlie', 'alpha', 'echo', 'bravo', 'delta']) created.push(await createCategory(`${token} ${suffix}`));
    });

    const byName = () => [...created].sort((a, b) => (a.name < b.name ? -1 : 1));

    it('is paginated in the DRF shape, ordered by name, searchable', async () => {
      const response = await app.get(`/categories/?search=${token}`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ count: 5, next: null, previous: null, results: byName() });
    });

    it('searches case-insensitively for part of the name', async () => {
      const response = await app.get(`/categories/?search=${token.toUpperCase()}%20AL`);
      expect(response.body.results).toEqual([created[1]]);
    });

    it('takes LIKE wildcards in the search literally', async () => {
      const name = `${uniqueName('wild')} 100%_off`;
      const category = await createCategory(name);
      const literal = await app.get(`/categories/?search=${encodeURIComponent('100%_off')}`);
      expect(literal.body.results).toContainEqual(category);
      const wildcard = await app.get(`/categories/?search=${encodeURIComponent(`${token}%`)}`);
      expect(wildcard.body.count).toBe(0);
    });

    it('pages with absolute next and previous links', async () => {
      const first = await app.get(`/categories/?search=${token}&page_size=2`);
      expect(first.body.count).toBe(5);
      expect(first.body.results).toEqual(byName().slice(0, 2));
      expect(first.body.previous).toBeNull();
      expect(first.body.next).toBe(`http://localhost/categories/?search=${token}&page_size=2&page=2`);

      const second = await app.get(first.body.next.replace('http://localhost', ''));
      expect(second.body.results).toEqual(byName().slice(2, 4));
      expect(second.body.previous).toBe(`http://localhost/categories/?search=${token}&page_size=2`);

      const third = await app.get(second.body.next.replace('http://localhost', ''));
      expect(third.body.results).toEqual(byName().slice(4));
      expect(third.body.next).toBeNull();
      expect(third.body.previous).toBe(`http://localhost/categories/?search=${token}&page_size=2&page=2`);
    });

    it.each(['page=4&page_size=2', 'page=0', 'page=abc', 'page=-1'])('answers 404 "Invalid page." for %s', async (params) => {
      const response = await app.get(`/categories/?search=${token}&${params}`);
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ detail: 'Invalid page.' });
    });

    describe('page_size as DRF reads it', () => {
      const many = uniqueName('many');
      beforeAll(async () => {
        // 105 categories in one statement: enough to see the cap without 105 requests.
        await app.app.get(DataSource).query(`INSERT INTO categories (name) SELECT $1 || ' ' || lpad(n::text, 3, '0') FROM generate_series(1, 105) AS n`, [many]);
      });
      const names = (response: { body: { results: Array<{ name: string }> } }) => response.body.results.map((category) => category.name);
      const numbered = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => `${many} ${String(from + index).padStart(3, '0')}`);

      it.each(['101', '1000', '99999999999999999999', ' 500 '])('caps page_size=%j at 100', async (size) => {
        const response = await app.get(`/categories/?search=${many}&page_size=${encodeURIComponent(size)}`);
        expect(response.status).toBe(200);
        expect(response.body.count).toBe(105);
        expect(names(response)).toEqual(numbered(1, 100));
        const second = await app.get(response.body.next.replace('http://localhost', ''));
        expect(names(second)).toEqual(numbered(101, 105));
      });

      it.each(['0', '-3', 'many', '2.5', '', '1e2', '0x10'])('falls back to 20 for page_size=%j', async (size) => {
        const response = await app.get(`/categories/?search=${many}&page_size=${encodeURIComponent(size)}`);
        expect(response.status).toBe(200);
        expect(names(response)).toEqual(numbered(1, 20));
      });

      it('reads Python int() spellings and the last of repeated values', async () => {
        expect(names(await app.get(`/categories/?search=${many}&page_size=%2B7`))).toEqual(numbered(1, 7));
        expect(names(await app.get(`/categories/?search=${many}&page_size=1_0`))).toEqual(numbered(1, 10));
        expect(names(await app.get(`/categories/?search=${many}&page_size=50&page_size=3`))).toEqual(numbered(1, 3));
      });
    });

    it('answers an empty first page when nothing matches', async () => {
      const response = await app.get(`/categories/?search=${uniqueName('nothing')}`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ count: 0, next: null, previous: null, results: [] });
    });
  });

  describe('update', () => {
    it('replaces with PUT and changes with PATCH', async () => {
      const category = await createCategory();
      const renamed = uniqueName('Renamed');
      const put = await app.put(`/categories/${category.id}/`, { name: ` ${renamed} ` }, { token: staff.access });
      expect(put.status).toBe(200);
      expect(put.body).toEqual({ id: category.id, name: renamed });

      const patched = uniqueName('Patched');
      const patch = await app.patch(`/categories/${category.id}/`, { name: patched, id: 1 }, { token: staff.access });
      expect(patch.status).toBe(200);
      expect(patch.body).toEqual({ id: category.id, name: patched });
      expect((await app.get(`/categories/${category.id}/`)).body).toEqual({ id: category.id, name: patched });
    });

    it('requires the name on PUT but not on PATCH', async () => {
      const category = await createCategory();
      const put = await app.put(`/categories/${category.id}/`, {}, { token: staff.access });
      expect(put.status).toBe(400);
      expect(put.body).toEqual({ name: ['This field is required.'] });
      const patch = await app.patch(`/categories/${category.id}/`, {}, { token: staff.access });
      expect(patch.status).toBe(200);
      expect(patch.body).toEqual(category);
    });

    it('validates PATCH fields that are present', async () => {
      const category = await createCategory();
      const response = await app.patch(`/categories/${category.id}/`, { name: '  ' }, { token: staff.access });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ name: ['This field may not be blank.'] });
    });

    it("refuses another category's name but allows changing the case of its own", async () => {
      const taken = await createCategory();
      const category = await createCategory();
      const clash = await app.patch(`/categories/${category.id}/`, { name: taken.name.toUpperCase() }, { token: staff.access });
      expect(clash.status).toBe(400);
      expect(clash.body).toEqual({ name: [NAME_TAKEN] });
      const recased = await app.put(`/categories/${category.id}/`, { name: category.name.toUpperCase() }, { token: staff.access });
      expect(recased.status).toBe(200);
      expect(recased.body.name).toBe(category.name.toUpperCase());
    });

    it('answers 404 for an unknown category', async () => {
      const response = await app.put('/categories/2147483647/', { name: uniqueName('Ghost') }, { token: staff.access });
      expect(response.status).toBe(404);
      expect(response.body).toEqual(NOT_FOUND);
    });

    it('is for staff only', async () => {
      const category = await createCategory();
      const anonymous = await app.patch(`/categories/${category.id}/`, { name: 'x' });
      expect(anonymous.status).toBe(401);
      for (const method of ['put', 'patch'] as const) {
        const response = await app[method](`/categories/${category.id}/`, { name: uniqueName('x') }, { token: customer.access });
        expect(response.status).toBe(403);
        expect(response.body).toEqual(FORBIDDEN);
      }
    });
  });

  describe('delete', () => {
    it('deletes an unused category', async () => {
      const category = await createCategory();
      const response = await app.delete(`/categories/${category.id}/`, undefined, { token: staff.access });
      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      expect((await app.get(`/categories/${category.id}/`)).status).toBe(404);
      const again = await app.delete(`/categories/${category.id}/`, undefined, { token: staff.access });
      expect(again.status).toBe(404);
    });

    it('answers 409 while products belong to the category', async () => {
      const category = await createCategory();
      const product = await app.post(
        '/products/',
        { name: 'Kept', price: '1.00', stock: 1, category: category.id },
        { token: staff.access },
      );
      expect(product.status).toBe(201);
      const response = await app.delete(`/categories/${category.id}/`, undefined, { token: staff.access });
      expect(response.status).toBe(409);
      expect(response.body).toEqual({ detail: expect.any(String) });
      expect((await app.get(`/categories/${category.id}/`)).status).toBe(200);

      await app.delete(`/products/${product.body.id}/`, undefined, { token: staff.access });
      const afterwards = await app.delete(`/categories/${category.id}/`, undefined, { token: staff.access });
      expect(afterwards.status).toBe(204);
    });

    it('is for staff only', async () => {
      const category = await createCategory();
      expect((await app.delete(`/categories/${category.id}/`)).status).toBe(401);
      const response = await app.delete(`/categories/${category.id}/`, undefined, { token: customer.access });
      expect(response.status).toBe(403);
      expect(response.body).toEqual(FORBIDDEN);
    });
  });

  describe('methods', () => {
    it.each([
      ['PATCH', '/categories/'],
      ['PUT', '/categories/'],
      ['DELETE', '/categories/'],
      ['POST', '/categories/1/'],
    ])('answers 405 for %s %s', async (method, url) => {
      const response = await app.request(method, url, {}, { token: staff.access });
      expect(response.status).toBe(405);
      expect(response.body).toEqual({ detail: `Method "${method}" not allowed.` });
    });
  });

  describe('caching', () => {
    it('tags a category and answers 304 while it is unchanged', async () => {
      const category = await createCategory();
      const url = `/categories/${category.id}/`;
      const first = await app.get(url);
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^W\/".+"$/);
      expect(first.headers['cache-control']).toBe('public, max-age=0, must-revalidate');

      const unchanged = await app.get(url, { headers: { 'if-none-match': etag } });
      expect(unchanged.status).toBe(304);
      expect(unchanged.text).toBe('');
      expect(unchanged.headers.etag).toBe(etag);

      const listed = await app.get(url, { headers: { 'if-none-match': `"other", ${etag}` } });
      expect(listed.status).toBe(304);

      await app.patch(url, { name: uniqueName('Changed') }, { token: staff.access });
      const changed = await app.get(url, { headers: { 'if-none-match': etag } });
      expect(changed.status).toBe(200);
      expect(changed.headers.etag).not.toBe(etag);
    });

    it('tags the list too', async () => {
      const url = `/categories/?search=${uniqueName('etag')}`;
      const first = await app.get(url);
      expect(first.headers.etag).toBeDefined();
      const again = await app.get(url, { headers: { 'if-none-match': first.headers.etag as string } });
      expect(again.status).toBe(304);
    });
  });
});

import { CategoriesService } from '../src/catalog/categories.service.js';
import { encodeCursor } from '../src/catalog/product-cursor.js';
import { parseOrdering } from '../src/catalog/product-ordering.js';
import { TestApp, TestResponse } from './support/test-app.js';
import { createUser, TestUser, uniqueName } from './support/users.js';

const FORBIDDEN = { detail: 'You do not have permission to perform this action.' };
const NOT_FOUND = { detail: 'Not found.' };
const REQUIRED = 'This field is required.';
const INVALID_NUMBER = 'A valid number is required.';
const INVALID_INTEGER = 'A valid integer is required.';
const INVALID_CHOICE = 'Select a valid choice. That choice is not one of the available choices.';
const ORDERINGS = ['id', '-id', 'name', '-name', 'price', '-price', 'stock', '-stock'];
// Several keys, as DRF's OrderingFilter takes them: mixed directions, ties on the first key, an explicit id.
const MULTI_ORDERINGS = ['-price,name', '-price,-name', 'price,-stock', 'stock,-name', '-stock,price,name', 'price,-id', 'name,price'];

interface ProductBody {
  id: number;
  name: string;
  price: string;
  stock: number;
  category: number;
}

/** Cents → the API's money string, without floating point. */
const money = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
const relative = (url: string) => url.replace(/^http:\/\/localhost/, '');

describe('products', () => {
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

  async function createCategory(): Promise<number> {
    const response = await app.post('/categories/', { name: uniqueName('Category') }, { token: staff.access });
    expect(response.status).toBe(201);
    return response.body.id;
  }

  async function createProduct(fields: Partial<Omit<ProductBody, 'id'>> & { category: number }): Promise<ProductBody> {
    const body = { name: uniqueName('Product'), price: '10.00', stock: 5, ...fields };
    const response = await app.post('/products/', body, { token: staff.access });
    expect(response.status).toBe(201);
    return response.body;
  }

  describe('create', () => {
    let category: number;
    beforeAll(async () => {
      category = await createCategory();
    });

    it('creates a product, answers 201 with a Location, and renders the price with 2 decimals', async () => {
      const response = await app.post(
        '/products/',
        { name: '  iPhone 12  ', price: 699, stock: 12, category, id: 5, extra: true },
        { token: staff.access },
      );
      expect(response.status).toBe(201);
      expect(response.body).toEqual({ id: expect.any(Number), name: 'iPhone 12', price: '699.00', stock: 12, category });
      expect(response.headers.location).toBe(`http://localhost/products/${response.body.id}/`);
      const read = await app.get(relative(response.headers.location as string));
      expect(read.status).toBe(200);
      expect(read.body).toEqual(response.body);
    });

    it.each([
      [699, '699.00'],
      ['699', '699.00'],
      [12.5, '12.50'],
      [' 0.1 ', '0.10'],
      ['0', '0.00'],
      ['99999999.99', '99999999.99'],
    ])('accepts the price %j as %s', async (price, rendered) => {
      const response = await app.post('/products/', { name: 'Priced', price, stock: 0, category }, { token: staff.access });
      expect(response.status).toBe(201);
      expect(response.body.price).toBe(rendered);
    });

    it.each([
      ['3', 3],
      [2147483647, 2147483647],
      [0, 0],
      [4.0, 4],
    ])('accepts the stock %j', async (stock, stored) => {
      const response = await app.post('/products/', { name: 'Stocked', price: 1, stock, category }, { token: staff.access });
      expect(response.status).toBe(201);
      expect(response.body.stock).toBe(stored);
    });

    it('reports every missing field at once', async () => {
      const response = await app.post('/products/', {}, { token: staff.access });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ name: [REQUIRED], price: [REQUIRED], stock: [REQUIRED], category: [REQUIRED] });
    });

    it('reports every bad field at once', async () => {
      const response = await app.post('/products/', { name: '', price: 'x', stock: -1, category: 'a' }, { token: staff.access });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        name: ['This field may not be blank.'],
        price: [INVALID_NUMBER],
        stock: ['Ensure this value is greater than or equal to 0.'],
        category: ['Incorrect type. Expected pk value, received str.'],
      });
    });

    const invalid: Array<[string, unknown, string]> = [
      ['name', null, 'This field may not be null.'],
      ['name', '', 'This field may not be blank.'],
      ['name', '   ', 'This field may not be blank.'],
      ['name', 'n'.repeat(256), 'Ensure this field has no more than 255 characters.'],
      ['name', { text: 'x' }, 'Not a valid string.'],
      ['price', null, 'This field may not be null.'],
      ['price', 'abc', INVALID_NUMBER],
      ['price', '', INVALID_NUMBER],
      ['price', true, INVALID_NUMBER],
      ['price', [1], INVALID_NUMBER],
      ['price', '12.345', 'Ensure that there are no more than 2 decimal places.'],
      ['price', 0.001, 'Ensure that there are no more than 2 decimal places.'],
      ['price', '12345678901', 'Ensure that there are no more than 10 digits in total.'],
      ['price', '123456789.1', 'Ensure that there are no more than 8 digits before the decimal point.'],
      ['price', -1, 'Ensure this value is greater than or equal to 0.'],
      ['price', '-0.01', 'Ensure this value is greater than or equal to 0.'],
      ['stock', null, 'This field may not be null.'],
      ['stock', -1, 'Ensure this value is greater than or equal to 0.'],
      ['stock', 2147483648, 'Ensure this value is less than or equal to 2147483647.'],
      ['stock', 1.5, INVALID_INTEGER],
      ['stock', '1.5', INVALID_INTEGER],
      ['stock', 'abc', INVALID_INTEGER],
      ['stock', true, INVALID_INTEGER],
      ['stock', '', INVALID_INTEGER],
      ['category', null, 'This field may not be null.'],
      ['category', 'abc', 'Incorrect type. Expected pk value, received str.'],
      ['category', true, 'Incorrect type. Expected pk value, received bool.'],
      ['category', 1.5, 'Incorrect type. Expected pk value, received float.'],
      ['category', { id: 1 }, 'Incorrect type. Expected pk value, received dict.'],
      ['category', [1], 'Incorrect type. Expected pk value, received list.'],
      ['category', 2147483000, 'Invalid pk "2147483000" - object does not exist.'],
      ['category', 99999999999, 'Invalid pk "99999999999" - object does not exist.'],
      ['category', 0, 'Invalid pk "0" - object does not exist.'],
    ];
    it.each(invalid)('rejects %s = %j', async (field, value, message) => {
      const body: Record<string, unknown> = { name: 'Valid', price: '1.00', stock: 1, category, [field]: value };
      const response = await app.post('/products/', body, { token: staff.access });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ [field]: [message] });
    });

    it('maps the foreign key violation of a category deleted meanwhile', async () => {
      const categories = app.app.get(CategoriesService);
      // The category check passes, as it would just before a concurrent delete.
      const exists = vi.spyOn(categories, 'exists').mockResolvedValue(true);
      try {
        const response = await app.post('/products/', { name: 'Orphan', price: 1, stock: 1, category: 2147483001 }, { token: staff.access });
        expect(response.status).toBe(400);
        expect(response.body).toEqual({ category: ['Invalid pk "2147483001" - object does not exist.'] });
      } finally {
        exists.mockRestore();
      }
    });

    it('asks anonymous callers to authenticate', async () => {
      const response = await app.post('/products/', { name: 'Anon', price: 1, stock: 1, category });
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ detail: 'Authentication credentials were not provided.' });
      expect(response.headers['www-authenticate']).toBe('Bearer realm="api"');
    });

    it('forbids non-staff users', async () => {
      const response = await app.post('/products/', { name: 'Nope', price: 1, stock: 1, category }, { token: customer.access });
      expect(response.status).toBe(403);
      expect(response.body).toEqual(FORBIDDEN);
    });
  });

  describe('read, update, delete', () => {
    let category: number;
    let otherCategory: number;
    beforeAll(async () => {
      category = await createCategory();
      otherCategory = await createCategory();
    });

    it('lets anyone read a product, with or without the trailing slash', async () => {
      const product = await createProduct({ category, price: '5.5' as string });
      for (const url of [`/products/${product.id}/`, `/products/${product.id}`]) {
        const response = await app.get(url);
        expect(response.status).toBe(200);
        expect(response.body).toEqual({ ...product, price: '5.50' });
      }
    });

    it.each(['/products/2147483647/', '/products/abc/', '/products/0/', '/products/1.5/'])('answers 404 for GET %s', async (url) => {
      const response = await app.get(url);
      expect(response.status).toBe(404);
      expect(response.body).toEqual(NOT_FOUND);
    });

    it('replaces every field with PUT', async () => {
      const product = await createProduct({ category });
      const response = await app.put(
        `/products/${product.id}/`,
        { name: 'Replaced', price: '1.5', stock: 0, category: otherCategory },
        { token: staff.access },
      );
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ id: product.id, name: 'Replaced', price: '1.50', stock: 0, category: otherCategory });
      expect((await app.get(`/products/${product.id}/`)).body).toEqual(response.body);
    });

    it('requires every field on PUT', async () => {
      const product = await createProduct({ category });
      const response = await app.put(`/products/${product.id}/`, { name: 'Only a name' }, { token: staff.access });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ price: [REQUIRED], stock: [REQUIRED], category: [REQUIRED] });
      expect((await app.get(`/products/${product.id}/`)).body).toEqual(product);
    });

    it('changes any subset with PATCH', async () => {
      const product = await createProduct({ category, stock: 4 });
      const price = await app.patch(`/products/${product.id}/`, { price: 19 }, { token: staff.access });
      expect(price.status).toBe(200);
      expect(price.body).toEqual({ ...product, price: '19.00' });

      const moved = await app.patch(`/products/${product.id}/`, { category: otherCategory, stock: '7' }, { token: staff.access });
      expect(moved.body).toEqual({ ...product, price: '19.00', category: otherCategory, stock: 7 });

      const nothing = await app.patch(`/products/${product.id}/`, {}, { token: staff.access });
      expect(nothing.status).toBe(200);
      expect(nothing.body).toEqual(moved.body);
      expect((await app.get(`/products/${product.id}/`)).body).toEqual(moved.body);
    });

    it('validates the fields a PATCH carries', async () => {
      const product = await createProduct({ category });
      const response = await app.patch(
        `/products/${product.id}/`,
        { price: '1.234', stock: null, category: 2147483000 },
        { token: staff.access },
      );
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        price: ['Ensure that there are no more than 2 decimal places.'],
        stock: ['This field may not be null.'],
      });
      const unknown = await app.patch(`/products/${product.id}/`, { category: 2147483000 }, { token: staff.access });
      expect(unknown.status).toBe(400);
      expect(unknown.body).toEqual({ category: ['Invalid pk "2147483000" - object does not exist.'] });
    });

    it('answers 404 when updating or deleting an unknown product', async () => {
      const full = { name: 'Ghost', price: 1, stock: 1, category };
      expect((await app.put('/products/2147483647/', full, { token: staff.access })).status).toBe(404);
      expect((await app.patch('/products/2147483647/', { stock: 1 }, { token: staff.access })).status).toBe(404);
      const deleted = await app.delete('/products/2147483647/', undefined, { token: staff.access });
      expect(deleted.status).toBe(404);
      expect(deleted.body).toEqual(NOT_FOUND);
      expect((await app.delete('/products/abc/', undefined, { token: staff.access })).status).toBe(404);
    });

    it('deletes a product', async () => {
      const product = await createProduct({ category });
      const response = await app.delete(`/products/${product.id}/`, undefined, { token: staff.access });
      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      expect((await app.get(`/products/${product.id}/`)).status).toBe(404);
      expect((await app.delete(`/products/${product.id}/`, undefined, { token: staff.access })).status).toBe(404);
    });

    it('keeps writes for staff', async () => {
      const product = await createProduct({ category });
      const url = `/products/${product.id}/`;
      const full = { name: 'X', price: 1, stock: 1, category };
      expect((await app.put(url, full)).status).toBe(401);
      expect((await app.patch(url, { stock: 1 })).status).toBe(401);
      expect((await app.delete(url)).status).toBe(401);
      for (const response of [
        await app.put(url, full, { token: customer.access }),
        await app.patch(url, { stock: 1 }, { token: customer.access }),
        await app.delete(url, undefined, { token: customer.access }),
      ]) {
        expect(response.status).toBe(403);
        expect(response.body).toEqual(FORBIDDEN);
      }
      expect((await app.get(url)).body).toEqual(product);
    });

    it.each([
      ['PATCH', '/products/'],
      ['PUT', '/products/'],
      ['DELETE', '/products/'],
      ['POST', '/products/1/'],
    ])('answers 405 for %s %s', async (method, url) => {
      const response = await app.request(method, url, {}, { token: staff.access });
      expect(response.status).toBe(405);
      expect(response.body).toEqual({ detail: `Method "${method}" not allowed.` });
    });
  });

  describe('listing', () => {
    const token = uniqueName('list');
    let category: number;
    // Created in this order, so ids do not follow names; prices and stocks have ties.
    const fixtures = [
      { suffix: 'charlie', cents: 1500, stock: 10 },
      { suffix: 'alpha', cents: 1500, stock: 3 },
      { suffix: 'golf', cents: 250, stock: 1 },
      { suffix: 'echo', cents: 0, stock: 7 },
      { suffix: 'bravo', cents: 500, stock: 0 },
      { suffix: 'foxtrot', cents: 500, stock: 3 },
      { suffix: 'delta', cents: 99999, stock: 0 },
    ];
    let created: Array<ProductBody & { cents: number }>;

    beforeAll(async () => {
      category = await createCategory();
      created = [];
      for (const fixture of fixtures) {
        const product = await createProduct({ category, name: `${token} ${fixture.suffix}`, price: money(fixture.cents), stock: fixture.stock });
        created.push({ ...product, cents: fixture.cents });
      }
    });

    const body = ({ cents: _cents, ...product }: ProductBody & { cents: number }): ProductBody => product;

    /** The contract's order: each comma-separated key in turn, then id in the direction of the last key. */
    function expected(ordering = 'id', keep: (product: ProductBody & { cents: number }) => boolean = () => true): ProductBody[] {
      const keys = ordering.split(',').map((term) => ({ field: term.trim().replace(/^-/, ''), sign: term.trim().startsWith('-') ? -1 : 1 }));
      if (!keys.some((key) => key.field === 'id')) keys.push({ field: 'id', sign: keys[keys.length - 1].sign });
      const value = (product: ProductBody & { cents: number }, field: string) =>
        field === 'price' ? product.cents : (product[field as 'id' | 'name' | 'stock'] as number | string);
      const compare = (a: ProductBody & { cents: number }, b: ProductBody & { cents: number }) => {
        for (const { field, sign } of keys) {
          if (value(a, field) < value(b, field)) return -sign;
          if (value(a, field) > value(b, field)) return sign;
        }
        return 0;
      };
      return created.filter(keep).sort(compare).map(body);
    }

    const list = (params: string) => app.get(`/products/?category=${category}&${params}`);

    it('lists the category in the DRF page shape, by id by default', async () => {
      const response = await list('');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ count: 7, next: null, previous: null, results: expected() });
    });

    it.each(ORDERINGS)('orders by %s with id breaking ties', async (ordering) => {
      const response = await list(`ordering=${ordering}`);
      expect(response.status).toBe(200);
      expect(response.body.results).toEqual(expected(ordering));
    });

    it.each(MULTI_ORDERINGS)('orders by several keys: %s', async (ordering) => {
      const response = await list(`ordering=${encodeURIComponent(ordering)}`);
      expect(response.status).toBe(200);
      expect(response.body.results).toEqual(expected(ordering));
    });

    it('tells the multi-key orders apart on ties, reads spaces as DRF does and keeps the ordering in the links', async () => {
      const nameUp = (await list('ordering=-price,name')).body.results.map((product: ProductBody) => product.name);
      const nameDown = (await list('ordering=-price,-name')).body.results.map((product: ProductBody) => product.name);
      expect(nameUp.slice(1, 3)).toEqual([`${token} alpha`, `${token} charlie`]);
      expect(nameDown.slice(1, 3)).toEqual([`${token} charlie`, `${token} alpha`]);
      expect((await list(`ordering=${encodeURIComponent(' -price , name ')}`)).body.results).toEqual(expected('-price,name'));
      const first = await list('ordering=-price,name&page_size=3');
      expect(first.body.next).toBe(`http://localhost/products/?category=${category}&ordering=-price%2Cname&page_size=3&page=2`);
      expect((await app.get(relative(first.body.next))).body.results).toEqual(expected('-price,name').slice(3, 6));
    });

    it('goes 10,000 results deep in page-number mode and points deeper requests to cursor mode', async () => {
      const tooDeep = {
        page: [
          'Page-number paging reaches the first 10000 results; go deeper in cursor mode: add mode=cursor and follow the next links.',
        ],
      };
      expect((await app.get('/products/?page=501')).body).toEqual(tooDeep);
      expect((await app.get('/products/?page=101&page_size=100')).status).toBe(400);
      // Within the depth a page past the end is still DRF's 404.
      expect((await app.get('/products/?page=100&page_size=100')).body).toEqual({ detail: 'Invalid page.' });
      expect((await app.get(`/products/?category=${category}&mode=cursor`)).status).toBe(200);
    });

    it('reads a repeated query parameter by its last value, as Django does', async () => {
      const twice = await app.get(`/products/?category=${category}&ordering=name&ordering=-id&page_size=2`);
      const once = await app.get(`/products/?category=${category}&ordering=-id&page_size=2`);
      expect(twice.status).toBe(200);
      expect(twice.body.results).toEqual(once.body.results);
      expect(twice.body.results[0].id).toBeGreaterThan(twice.body.results[1].id);
    });

    it('filters by price range, inclusive', async () => {
      const response = await list('min_price=5&max_price=15.00');
      expect(response.body.results).toEqual(expected('id', (p) => p.cents >= 500 && p.cents <= 1500));
      expect(response.body.count).toBe(4);
      const exact = await list('min_price=2.50&max_price=2.5');
      expect(exact.body.results).toEqual(expected('id', (p) => p.cents === 250));
    });

    it('filters by stock', async () => {
      const inStock = await list('in_stock=true');
      expect(inStock.body.results).toEqual(expected('id', (p) => p.stock > 0));
      const soldOut = await list('in_stock=false');
      expect(soldOut.body.results).toEqual(expected('id', (p) => p.stock === 0));
    });

    it('searches names case-insensitively', async () => {
      const response = await app.get(`/products/?search=${token.toUpperCase()}%20ALP`);
      expect(response.body).toEqual({ count: 1, next: null, previous: null, results: expected('id', (p) => p.name.endsWith('alpha')) });
      const substring = await list('search=ph');
      expect(substring.body.results).toEqual(expected('id', (p) => p.name.endsWith('alpha')));
    });

    it('takes LIKE wildcards in the search literally', async () => {
      const wildcardCategory = await createCategory();
      const percent = await createProduct({ category: wildcardCategory, name: `${token} 100% off` });
      const underscore = await createProduct({ category: wildcardCategory, name: `${token} a_b` });
      await createProduct({ category: wildcardCategory, name: `${token} 1000 off` });
      await createProduct({ category: wildcardCategory, name: `${token} axb` });
      const byPercent = await app.get(`/products/?category=${wildcardCategory}&search=${encodeURIComponent('0%')}`);
      expect(byPercent.body.results).toEqual([percent]);
      const byUnderscore = await app.get(`/products/?category=${wildcardCategory}&search=a_b`);
      expect(byUnderscore.body.results).toEqual([underscore]);
    });

    it('finds a term anywhere in a name through the suffix index: quotes, backslashes, accents, spaces, terms longer than its 12-character keys, names renamed', async () => {
      const quirks = await createCategory();
      const names = [`${token} O'Neil's \\ chair`, `${token} Äpfel Grün`, `${token} compact walnut chair 345132`];
      const created: ProductBody[] = [];
      for (const name of names) created.push(await createProduct({ category: quirks, name }));
      const [quoted, accented, long] = created;
      const search = async (term: string) =>
        (await app.get(`/products/?category=${quirks}&search=${encodeURIComponent(term)}`)).body.results.map((p: { id: number }) => p.id);
      expect(await search("o'neil's \\ ch")).toEqual([quoted.id]);
      expect(await search("'s \\")).toEqual([quoted.id]);
      expect(await search('\\')).toEqual([quoted.id]);
      expect(await search('äPFEL gr')).toEqual([accented.id]);
      expect(await search('walnut chair 345132')).toEqual([long.id]);
      // The first 12 characters match its keys; the rest must match too.
      expect(await search('walnut chair 345133')).toEqual([]);
      expect(await search(' chair')).toEqual([quoted.id, long.id]);
      expect((await app.patch(`/products/${long.id}/`, { name: `${token} oak stool` }, { token: staff.access })).status).toBe(200);
      expect(await search('walnut')).toEqual([]);
      expect(await search('oak stool')).toEqual([long.id]);
    });

    it('combines filters and ordering', async () => {
      const response = await list('in_stock=true&max_price=15&ordering=-price');
      expect(response.body.results).toEqual(expected('-price', (p) => p.stock > 0 && p.cents <= 1500));
    });

    it('ignores parameters given without a value', async () => {
      const response = await list('min_price=&max_price=&in_stock=&search=&ordering=');
      expect(response.status).toBe(200);
      expect(response.body.results).toEqual(expected());
      const noCategory = await app.get(`/products/?category=&search=${token}&page_size=100`);
      expect(noCategory.status).toBe(200);
      expect(noCategory.body.results).toEqual(expect.arrayContaining(expected()));
    });

    it('pages with absolute next and previous links', async () => {
      const first = await list('page_size=3&ordering=name');
      expect(first.body.count).toBe(7);
      expect(first.body.previous).toBeNull();
      expect(first.body.next).toBe(`http://localhost/products/?category=${category}&page_size=3&ordering=name&page=2`);
      const second = await app.get(relative(first.body.next));
      expect(second.body.previous).toBe(`http://localhost/products/?category=${category}&page_size=3&ordering=name`);
      const third = await app.get(relative(second.body.next));
      expect(third.body.next).toBeNull();
      expect([...first.body.results, ...second.body.results, ...third.body.results]).toEqual(expected('name'));
    });

    it('answers 404 "Invalid page." past the end', async () => {
      for (const params of ['page=5&page_size=2', 'page=2', 'page=0', 'page=x']) {
        const response = await list(params);
        expect(response.status).toBe(404);
        expect(response.body).toEqual({ detail: 'Invalid page.' });
      }
    });

    it('counts fresh rows at once after a write in this process', async () => {
      const counted = await createCategory();
      expect((await app.get(`/products/?category=${counted}`)).body.count).toBe(0);
      const product = await createProduct({ category: counted });
      expect((await app.get(`/products/?category=${counted}`)).body.count).toBe(1);
      await app.delete(`/products/${product.id}/`, undefined, { token: staff.access });
      expect((await app.get(`/products/?category=${counted}`)).body.count).toBe(0);
    });

    it.each([
      ['category=abc', { category: [INVALID_CHOICE] }],
      ['category=2147483000', { category: [INVALID_CHOICE] }],
      ['category=-1', { category: [INVALID_CHOICE] }],
      ['min_price=cheap', { min_price: [INVALID_NUMBER] }],
      ['max_price=1.234', { max_price: ['Ensure that there are no more than 2 decimal places.'] }],
      ['in_stock=maybe', { in_stock: ['Must be a valid boolean.'] }],
      ['ordering=colour', { ordering: [expect.stringContaining('Invalid ordering')] }],
      // DRF's OrderingFilter would drop the unknown term; the contract answers 400.
      ['ordering=price,colour', { ordering: [expect.stringContaining('Invalid ordering')] }],
      ['ordering=price,', { ordering: [expect.stringContaining('Invalid ordering')] }],
      ['ordering=--price', { ordering: [expect.stringContaining('Invalid ordering')] }],
      ['mode=fast', { mode: ['"fast" is not a valid choice.'] }],
      ['min_price=x&in_stock=x&ordering=x', { min_price: [INVALID_NUMBER], in_stock: ['Must be a valid boolean.'], ordering: [expect.any(String)] }],
    ])('rejects %s', async (params, errors) => {
      const response = await app.get(`/products/?${params}`);
      expect(response.status).toBe(400);
      expect(response.body).toEqual(errors);
    });

    describe('cursor mode', () => {
      async function walkForward(url: string): Promise<{ pages: TestResponse[]; results: ProductBody[] }> {
        const pages: TestResponse[] = [];
        let next: string | null = url;
        while (next) {
          const page = await app.get(relative(next));
          expect(page.status).toBe(200);
          expect(Object.keys(page.body).sort()).toEqual(['next', 'previous', 'results']);
          pages.push(page);
          next = page.body.next;
          expect(pages.length).toBeLessThan(20);
        }
        return { pages, results: pages.flatMap((page) => page.body.results) };
      }

      async function walkBackward(url: string): Promise<ProductBody[]> {
        let results: ProductBody[] = [];
        let previous: string | null = url;
        for (let steps = 0; previous; steps += 1) {
          const page = await app.get(relative(previous));
          expect(page.status).toBe(200);
          results = [...page.body.results, ...results];
          previous = page.body.previous;
          expect(steps).toBeLessThan(20);
        }
        return results;
      }

      it.each([...ORDERINGS, ...MULTI_ORDERINGS])('walks every page ordered by %s, forward and back, as the offset listing', async (ordering) => {
        const offset = await list(`ordering=${encodeURIComponent(ordering)}&page_size=100`);
        const { pages, results } = await walkForward(
          `/products/?category=${category}&ordering=${encodeURIComponent(ordering)}&page_size=2&mode=cursor`,
        );
        expect(results).toEqual(offset.body.results);
        expect(results).toEqual(expected(ordering));
        expect(pages).toHaveLength(4);
        expect(pages[0].body.previous).toBeNull();
        expect(pages[1].body.next).toMatch(/^http:\/\/localhost\/products\/\?.*cursor=/);
        expect(pages[1].body.next).not.toContain('mode=');

        const last = pages[pages.length - 1];
        const back = await walkBackward(last.body.previous);
        expect([...back, ...last.body.results]).toEqual(expected(ordering));
      });

      it('keeps filters while walking', async () => {
        const { results } = await walkForward(
          `/products/?category=${category}&in_stock=true&min_price=2.50&ordering=-price&page_size=1&mode=cursor`,
        );
        expect(results).toEqual(expected('-price', (p) => p.stock > 0 && p.cents >= 250));
      });

      it('serves the first page for a previous link with less than a page before it', async () => {
        const second = expected('price')[1];
        const cursor = encodeCursor(parseOrdering('price')!, { position: { values: [second.price], id: second.id }, backward: true });
        const response = await list(`ordering=price&page_size=3&cursor=${cursor}`);
        expect(response.status).toBe(200);
        expect(response.body.results).toEqual(expected('price').slice(0, 3));
        expect(response.body.previous).toBeNull();
        const next = await app.get(relative(response.body.next));
        expect(next.body.results).toEqual(expected('price').slice(3, 6));
      });

      it('starts from an empty cursor too', async () => {
        const response = await list('cursor=&page_size=3');
        expect(response.status).toBe(200);
        expect(response.body.results).toEqual(expected().slice(0, 3));
        expect(response.body.previous).toBeNull();
        expect(response.body.next).toContain('cursor=');
      });

      it('answers a single page without links when everything fits', async () => {
        const response = await list('mode=cursor');
        expect(response.body).toEqual({ next: null, previous: null, results: expected() });
      });

      it('rejects a cursor that is not one, or belongs to another ordering', async () => {
        for (const cursor of ['garbage!', 'eyJ4IjoxfQ', Buffer.from('{"o":"id","i":-4}').toString('base64url')]) {
          const response = await list(`cursor=${encodeURIComponent(cursor)}`);
          expect(response.status).toBe(400);
          expect(response.body).toEqual({ cursor: ['Invalid cursor'] });
        }
        const byPrice = await list('ordering=price&page_size=2&mode=cursor');
        const cursor = new URL(byPrice.body.next).searchParams.get('cursor');
        const reordered = await list(`ordering=name&cursor=${cursor}`);
        expect(reordered.status).toBe(400);
        expect(reordered.body).toEqual({ cursor: ['Invalid cursor'] });
        for (const other of ['price,name', '-price', 'price,-id']) {
          expect((await list(`ordering=${other}&cursor=${cursor}`)).body).toEqual({ cursor: ['Invalid cursor'] });
        }
        const multi = await list('ordering=-price,name&page_size=2&mode=cursor');
        const multiCursor = new URL(multi.body.next).searchParams.get('cursor');
        expect((await list(`ordering=-price,name&page_size=2&cursor=${multiCursor}`)).status).toBe(200);
        for (const other of ['-price', 'name,-price', '-price,-name', 'price,name']) {
          expect((await list(`ordering=${other}&cursor=${multiCursor}`)).body).toEqual({ cursor: ['Invalid cursor'] });
        }
      });

      it('takes page_size as DRF does: over 100 is capped, a bad one falls back to 20', async () => {
        for (const size of ['1000', '0', 'ten']) {
          const response = await list(`mode=cursor&page_size=${size}`);
          expect(response.status).toBe(200);
          expect(response.body.results).toEqual(expected());
        }
        expect((await list('mode=cursor&page_size=2_0&ordering=name')).body.results).toEqual(expected('name'));
      });
    });

    describe('caching', () => {
      it('tags the list and a product, and answers 304 while they are unchanged', async () => {
        const product = await createProduct({ category: await createCategory() });
        for (const url of [`/products/?category=${category}`, `/products/${product.id}/`]) {
          const first = await app.get(url);
          const etag = first.headers.etag as string;
          expect(etag).toMatch(/^W\/".+"$/);
          expect(first.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
          const again = await app.get(url, { headers: { 'if-none-match': etag } });
          expect(again.status).toBe(304);
          expect(again.text).toBe('');
          expect(again.headers.etag).toBe(etag);
          const star = await app.get(url, { headers: { 'if-none-match': '*' } });
          expect(star.status).toBe(304);
          const stale = await app.get(url, { headers: { 'if-none-match': 'W/"stale"' } });
          expect(stale.status).toBe(200);
          expect(stale.body).toEqual(first.body);
        }

        const before = await app.get(`/products/${product.id}/`);
        await app.patch(`/products/${product.id}/`, { stock: 99 }, { token: staff.access });
        const after = await app.get(`/products/${product.id}/`, { headers: { 'if-none-match': before.headers.etag as string } });
        expect(after.status).toBe(200);
        expect(after.body.stock).toBe(99);
        expect(after.headers.etag).not.toBe(before.headers.etag);
      });
    });
  });
});

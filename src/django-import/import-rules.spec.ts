import type { DjangoData, DjangoUser } from './django-rows.js';
import { planImport, RuleContext } from './import-rules.js';

const context: RuleContext = { foldCase: (name) => name.toLowerCase(), canVerifyPassword: (encoded) => encoded.startsWith('pbkdf2_sha256$') };

function user(id: number, overrides: Partial<DjangoUser> = {}): DjangoUser {
  return {
    id,
    username: `user${id}`,
    email: '',
    firstName: '',
    lastName: '',
    password: 'pbkdf2_sha256$1000$salt$aGFzaA==',
    isActive: true,
    isStaff: false,
    isSuperuser: false,
    dateJoined: '2026-11-30 07:25:51.493703',
    lastLogin: null,
    ...overrides,
  };
}

function data(overrides: Partial<DjangoData> = {}): DjangoData {
  return {
    users: [user(1), user(2)],
    categories: [{ id: 1, name: 'Phones' }],
    products: [{ id: 1, name: 'iPhone', price: '699', stock: 3, categoryId: 1 }],
    cartItems: [],
    ...overrides,
  };
}

const summary = (plan: ReturnType<typeof planImport>) => plan.notes.map((note) => `${note.kind} ${note.table} ${note.id} ${note.rule}`);

describe('planImport', () => {
  it('keeps ids, hashes and timestamps (naive SQLite times are UTC; microseconds kept)', () => {
    const plan = planImport(data({ users: [user(7, { lastLogin: '2026-11-30 07:25:52.151321+00' })] }), context);
    expect(plan.users).toEqual([
      { ...user(7), dateJoined: '2026-11-30 07:25:51.493703+00:00', lastLogin: '2026-11-30 07:25:52.151321+00:00' },
    ]);
    expect(plan.notes).toEqual([]);
  });

  it('merges categories equal ignoring case into the lowest id and moves their products', () => {
    const plan = planImport(
      data({
        categories: [
          { id: 4, name: 'phones' },
          { id: 2, name: 'Phones' },
          { id: 9, name: 'PHONES' },
          { id: 3, name: 'Laptops' },
        ],
        products: [
          { id: 1, name: 'Nokia', price: '19.99', stock: 1, categoryId: 4 },
          { id: 2, name: 'Pixel', price: '1', stock: 1, categoryId: 2 },
        ],
      }),
      context,
    );
    expect(plan.categories).toEqual([
      { id: 2, name: 'Phones' },
      { id: 3, name: 'Laptops' },
    ]);
    expect(plan.products.map((product) => product.categoryId)).toEqual([2, 2]);
    expect(summary(plan)).toEqual([
      'dropped product_category 4 category-merged',
      'dropped product_category 9 category-merged',
      'changed product_product 1 product-category-moved',
    ]);
  });

  it('rounds prices to cents half-up and notes only those that changed', () => {
    const plan = planImport(
      data({
        products: [
          { id: 1, name: 'a', price: '1449.005', stock: 1, categoryId: 1 },
          { id: 2, name: 'b', price: '999.5', stock: 1, categoryId: 1 },
          { id: 3, name: 'c', price: '699.000', stock: 1, categoryId: 1 },
        ],
      }),
      context,
    );
    expect(plan.products.map((product) => product.price)).toEqual(['1449.01', '999.50', '699.00']);
    expect(summary(plan)).toEqual(['changed product_product 1 price-rounded']);
  });

  it('drops zero lines, merges duplicates, caps at 1000 and keeps lines above stock', () => {
    const plan = planImport(
      data({
        cartItems: [
          { id: 5, userId: 1, productId: 1, quantity: 600 },
          { id: 3, userId: 2, productId: 1, quantity: 0 },
          { id: 8, userId: 1, productId: 1, quantity: 700 },
          { id: 9, userId: 2, productId: 1, quantity: 2 },
        ],
      }),
      context,
    );
    expect(plan.cartItems).toEqual([
      { id: 5, userId: 1, productId: 1, quantity: 1000 },
      { id: 9, userId: 2, productId: 1, quantity: 2 },
    ]);
    expect(summary(plan)).toEqual([
      'dropped carts_cartitem 3 cart-quantity-zero',
      'dropped carts_cartitem 8 cart-lines-merged',
      'changed carts_cartitem 5 cart-lines-merged',
      'changed carts_cartitem 5 cart-quantity-capped',
      'kept carts_cartitem 5 cart-above-stock',
    ]);
    expect(plan.notes[2].detail).toContain('quantity 600 + 700 = 1300');
  });

  it('keeps unusable and unverifiable password hashes as they are, with a note', () => {
    const plan = planImport(data({ users: [user(1, { password: '!abc' }), user(2, { password: 'md5$salt$hash' })] }), context);
    expect(plan.users.map((row) => row.password)).toEqual(['!abc', 'md5$salt$hash']);
    expect(summary(plan)).toEqual(['kept auth_user 1 unusable-password', 'kept auth_user 2 unverifiable-password']);
    expect(plan.notes[1].detail).toContain('md5');
  });

  it('drops what Storedeal cannot hold, with the reason, and what then lost its user, product or category', () => {
    const plan = planImport(
      data({
        users: [user(1), user(2, { username: 'u'.repeat(151) }), user(3, { email: 'a\u0000b' }), user(4, { dateJoined: 'yesterday' }), user(2 ** 31)],
        categories: [{ id: 1, name: 'Phones' }, { id: 2, name: 'c'.repeat(256) }],
        products: [
          { id: 1, name: 'ok', price: '1', stock: 1, categoryId: 1 },
          { id: 2, name: 'negative', price: '-1.000', stock: 1, categoryId: 1 },
          { id: 3, name: 'huge', price: '100000000', stock: 1, categoryId: 1 },
          { id: 4, name: 'orphan', price: '1', stock: 1, categoryId: 2 },
          { id: 5, name: '🎧'.repeat(255), price: '1', stock: 1, categoryId: 1 },
        ],
        cartItems: [
          { id: 1, userId: 2, productId: 1, quantity: 1 },
          { id: 2, userId: 1, productId: 4, quantity: 1 },
          { id: 3, userId: 1, productId: 99, quantity: 1 },
        ],
      }),
      context,
    );
    expect(plan.users.map((row) => row.id)).toEqual([1]);
    expect(plan.products.map((row) => row.id)).toEqual([1, 5]);
    expect(plan.cartItems).toEqual([]);
    expect(plan.notes.map((note) => note.detail)).toEqual([
      expect.stringContaining('username is longer than 150 characters'),
      expect.stringContaining('email contains a NUL character'),
      expect.stringContaining('date_joined "yesterday" is not a date and time'),
      expect.stringContaining("does not fit Storedeal's integer ids"),
      expect.stringContaining('name is longer than 255 characters'),
      expect.stringContaining('price -1.000 is negative'),
      expect.stringContaining('price 100000000 is above 99999999.99'),
      expect.stringContaining('its category 2 is not imported'),
      expect.stringContaining('its user 2 is not imported'),
      expect.stringContaining('its product 4 is not imported'),
      expect.stringContaining('its product 99 is not imported'),
    ]);
    expect(plan.notes.every((note) => note.kind === 'dropped')).toBe(true);
  });
});

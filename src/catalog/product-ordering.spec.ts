import { orderingText, parseOrdering } from './product-ordering.js';

describe('parseOrdering', () => {
  it.each(['id', 'name', 'price', 'stock'])('accepts %s ascending and descending', (field) => {
    expect(parseOrdering(field)).toEqual({ field, descending: false });
    expect(parseOrdering(`-${field}`)).toEqual({ field, descending: true });
  });

  it.each(['', '-', '--price', '+price', 'Price', 'category', 'price,name', ' price', 'price '])('rejects %j', (text) => {
    expect(parseOrdering(text)).toBeNull();
  });

  it('round-trips through orderingText', () => {
    for (const text of ['id', '-id', 'name', '-name', 'price', '-price', 'stock', '-stock']) {
      expect(orderingText(parseOrdering(text)!)).toBe(text);
    }
  });
});

import { orderingText, parseOrdering } from './product-ordering.js';

const key = (field: string, descending = false) => ({ field, descending });

describe('parseOrdering', () => {
  it.each(['name', 'price', 'stock'])('accepts %s ascending and descending, id breaking ties the same way', (field) => {
    expect(parseOrdering(field)).toEqual({ keys: [key(field), key('id')] });
    expect(parseOrdering(`-${field}`)).toEqual({ keys: [key(field, true), key('id', true)] });
  });

  it('orders by id alone when id is asked for', () => {
    expect(parseOrdering('id')).toEqual({ keys: [key('id')] });
    expect(parseOrdering('-id')).toEqual({ keys: [key('id', true)] });
  });

  it("takes several comma-separated fields, as DRF's OrderingFilter does", () => {
    expect(parseOrdering('-price,name')).toEqual({ keys: [key('price', true), key('name'), key('id')] });
    expect(parseOrdering('stock,-name,price')).toEqual({ keys: [key('stock'), key('name', true), key('price'), key('id')] });
    // DRF strips the spaces around each term.
    expect(parseOrdering(' -price , name ')).toEqual(parseOrdering('-price,name'));
  });

  it('stops at id (nothing after a unique field changes the order) and drops a field named twice', () => {
    expect(parseOrdering('price,-id,name')).toEqual({ keys: [key('price'), key('id', true)] });
    expect(parseOrdering('id,price')).toEqual({ keys: [key('id')] });
    expect(parseOrdering('price,-price,name')).toEqual({ keys: [key('price'), key('name'), key('id')] });
  });

  it.each(['', '-', '--price', '+price', 'Price', 'category', 'price,', ',price', 'price,,name', 'price;name', 'price,colour', 'pri ce'])(
    'rejects %j',
    (text) => {
      expect(parseOrdering(text)).toBeNull();
    },
  );

  it('round-trips through orderingText, leaving the implicit tie-breaker out', () => {
    for (const text of ['id', '-id', 'name', '-name', 'price', '-price', 'stock', '-stock', '-price,name', 'name,-stock,price', 'price,-id']) {
      expect(orderingText(parseOrdering(text)!)).toBe(text);
    }
    expect(orderingText(parseOrdering('price,id')!)).toBe('price');
    expect(orderingText(parseOrdering(' -price, name ')!)).toBe('-price,name');
  });
});

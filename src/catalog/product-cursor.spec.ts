import { FieldValidationError } from '../common/errors/domain-errors.js';
import { decodeCursor, encodeCursor, ProductCursor } from './product-cursor.js';
import { parseOrdering, ProductOrdering } from './product-ordering.js';

const ordering = (text: string): ProductOrdering => parseOrdering(text)!;
const raw = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString('base64url');

function expectInvalid(text: string, by: ProductOrdering) {
  try {
    decodeCursor(text, by);
  } catch (error) {
    expect(error).toBeInstanceOf(FieldValidationError);
    expect((error as FieldValidationError).fields).toEqual({ cursor: ['Invalid cursor'] });
    return;
  }
  throw new Error(`cursor ${text} was accepted`);
}

describe('product cursors', () => {
  const cases: Array<[string, ProductCursor]> = [
    ['id', { position: { values: [], id: 42 }, backward: false }],
    ['-id', { position: { values: [], id: 1 }, backward: true }],
    ['price', { position: { values: ['699.00'], id: 7 }, backward: false }],
    ['-price', { position: { values: ['0.00'], id: 2147483647 }, backward: true }],
    ['name', { position: { values: ['Ünïcödé "quoted" 100% _x_'], id: 3 }, backward: false }],
    ['-stock', { position: { values: [0], id: 9 }, backward: false }],
    ['-price,name', { position: { values: ['19.99', 'Kettle'], id: 5 }, backward: false }],
    ['stock,-name,price', { position: { values: [3, 'Mug', '4.50'], id: 8 }, backward: true }],
    ['price,-id', { position: { values: ['1.00'], id: 2 }, backward: false }],
    // The longest name there can be, in characters that take four bytes each: still a cursor of ours.
    ['name,-price', { position: { values: ['😀'.repeat(255), '99999999.99'], id: 2147483647 }, backward: true }],
    ['-name,stock', { position: { values: ['\u0001"\\'.repeat(85), 2147483647], id: 2147483647 }, backward: true }],
  ];

  it.each(cases)('round-trips a %s cursor', (text, cursor) => {
    const encoded = encodeCursor(ordering(text), cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(encoded, ordering(text))).toEqual(cursor);
  });

  it('refuses a cursor made for another ordering', () => {
    const encoded = encodeCursor(ordering('price'), { position: { values: ['1.00'], id: 1 }, backward: false });
    expectInvalid(encoded, ordering('-price'));
    expectInvalid(encoded, ordering('stock'));
    expectInvalid(encoded, ordering('price,name'));
    const multi = encodeCursor(ordering('-price,name'), { position: { values: ['1.00', 'Mug'], id: 1 }, backward: false });
    expectInvalid(multi, ordering('-price'));
    expectInvalid(multi, ordering('name,-price'));
    expectInvalid(multi, ordering('-price,-name'));
  });

  it.each([
    ['not base64 at all', '!!!'],
    ['empty JSON', raw({})],
    ['JSON that is not an object', raw([1, 2])],
    ['a string payload', raw('id')],
    ['garbage bytes', Buffer.from([0xff, 0x00, 0x12]).toString('base64url')],
    ['an id of zero', raw({ o: 'id', i: 0 })],
    ['a fractional id', raw({ o: 'id', i: 1.5 })],
    ['an id too large', raw({ o: 'id', i: 2147483648 })],
    ['a key where ordering by id', raw({ o: 'id', k: 3, i: 3 })],
    ['an unknown property', raw({ o: 'id', i: 3, x: 1 })],
    ['a non-boolean direction', raw({ o: 'id', i: 3, b: 'yes' })],
    ['a huge payload', 'A'.repeat(5000)],
  ])('refuses %s', (_label, text) => {
    expectInvalid(text, ordering('id'));
  });

  it.each([
    ['price', { o: 'price', i: 1 }],
    ['price', { o: 'price', k: 1.5, i: 1 }],
    ['price', { o: 'price', k: '1.5', i: 1 }],
    ['price', { o: 'price', k: '-1.00', i: 1 }],
    ['price', { o: 'price', k: '1e3', i: 1 }],
    ['price', { o: 'price', k: '123456789.00', i: 1 }],
    ['stock', { o: 'stock', k: '3', i: 1 }],
    ['stock', { o: 'stock', k: -1, i: 1 }],
    ['name', { o: 'name', k: 5, i: 1 }],
    ['name', { o: 'name', k: 'x'.repeat(256), i: 1 }],
    ['name', { o: 'name', k: ['Mug'], i: 1 }],
    ['-price,name', { o: '-price,name', k: '1.00', i: 1 }],
    ['-price,name', { o: '-price,name', k: ['1.00'], i: 1 }],
    ['-price,name', { o: '-price,name', k: ['1.00', 'Mug', 3], i: 1 }],
    ['-price,name', { o: '-price,name', k: ['Mug', '1.00'], i: 1 }],
    ['-price,name', { o: '-price,name', i: 1 }],
  ])('refuses a %s cursor with a bad key: %j', (text, payload) => {
    expectInvalid(raw(payload), ordering(text));
  });
});

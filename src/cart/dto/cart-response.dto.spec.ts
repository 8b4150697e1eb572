import type { CartRow } from '../cart.queries.js';
import { CartItemResponseDto, CartResponseDto } from './cart-response.dto.js';

describe('cart mapper', () => {
  const row: CartRow = {
    id: 3,
    quantity: 2,
    product_id: 7,
    product_name: 'iPhone 12',
    product_price: '699.00',
    product_stock: 12,
    total_price: '1398.00',
    cart_quantity: 2,
    cart_price: '1398.00',
  };

  it('builds the contract’s cart item, in its key order', () => {
    const item = CartItemResponseDto.from(row);
    expect(item).toEqual({
      id: 3,
      product: { id: 7, name: 'iPhone 12', price: '699.00', stock: 12 },
      quantity: 2,
      total_price: '1398.00',
    });
    expect(Object.keys(item)).toEqual(['id', 'product', 'quantity', 'total_price']);
  });

  it('takes the totals from the rows, and zero for an empty cart', () => {
    expect(CartResponseDto.from([row])).toMatchObject({ total_quantity: 2, total_price: '1398.00' });
    expect(CartResponseDto.from([])).toEqual({ items: [], total_quantity: 0, total_price: '0.00' });
  });
});

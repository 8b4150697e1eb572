import { ApiProperty } from '@nestjs/swagger';
import { renderMoney } from '../../common/money.js';
import { ApiMoneyProperty } from '../../common/openapi/money.js';
import type { CartLineRow, CartRow } from '../cart.queries.js';
import { MAX_LINE_QUANTITY } from './cart-requests.dto.js';

/** The product as a cart line shows it, at its current price and stock. */
export class CartProductDto {
  @ApiProperty({ type: 'integer', example: 7 })
  id: number;

  @ApiProperty({ example: 'iPhone 12' })
  name: string;

  /** Decimal string with 2 places, e.g. "699.00". */
  @ApiMoneyProperty('699.00')
  price: string;

  @ApiProperty({ type: 'integer', example: 12 })
  stock: number;
}

export class CartItemResponseDto {
  /** The cart line's id, for cart/items/{id}/. */
  @ApiProperty({ type: 'integer', example: 3 })
  id: number;

  @ApiProperty({ type: () => CartProductDto })
  product: CartProductDto;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_LINE_QUANTITY, example: 2 })
  quantity: number;

  /** price × quantity, e.g. "1398.00". */
  @ApiMoneyProperty('1398.00')
  total_price: string;

  static from(row: CartLineRow): CartItemResponseDto {
    return {
      id: row.id,
      product: {
        id: row.product_id,
        name: row.product_name,
        price: renderMoney(row.product_price),
        stock: row.product_stock,
      },
      quantity: row.quantity,
      total_price: renderMoney(row.total_price),
    };
  }
}

export class CartResponseDto {
  /** Oldest line first. */
  @ApiProperty({ type: () => [CartItemResponseDto] })
  items: CartItemResponseDto[];

  /** The quantities of every line added up. */
  @ApiProperty({ type: 'integer', example: 2 })
  total_quantity: number;

  /** Every line's total added up, e.g. "1398.00". */
  @ApiMoneyProperty('1398.00')
  total_price: string;

  static from(rows: CartRow[]): CartResponseDto {
    const totals = rows[0];
    return {
      items: rows.map(CartItemResponseDto.from),
      total_quantity: totals?.cart_quantity ?? 0,
      total_price: renderMoney(totals?.cart_price ?? '0'),
    };
  }
}

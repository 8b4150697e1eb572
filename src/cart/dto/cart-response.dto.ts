import { formatDecimal, parseDecimal } from '../../common/money.js';
import type { CartLineRow, CartRow } from '../cart.queries.js';

/** The cart's one place for rendering money: PostgreSQL's numeric text with exactly 2 decimals. */
export function renderMoney(numericText: string): string {
  const parts = parseDecimal(numericText);
  if (!parts) throw new Error(`not a decimal: ${numericText}`);
  return formatDecimal(parts, 2);
}

/** The product as a cart line shows it, at its current price and stock. */
export class CartProductDto {
  id: number;
  name: string;
  /** Decimal string with 2 places, e.g. "699.00". */
  price: string;
  stock: number;
}

export class CartItemResponseDto {
  id: number;
  product: CartProductDto;
  quantity: number;
  /** price × quantity, e.g. "1398.00". */
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
  items: CartItemResponseDto[];
  total_quantity: number;
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

import { ApiProperty } from '@nestjs/swagger';
import { renderMoney } from '../../common/money.js';
import { ApiMoneyProperty } from '../../common/openapi/money.js';
import type { OrderItemRow, OrderRow } from '../orders.queries.js';
import { ORDER_STATUSES } from '../order-status.js';

const TIME = { type: 'string', format: 'date-time', example: '2026-11-30T09:15:02.123456Z' } as const;

export class OrderItemResponseDto {
  @ApiProperty({ type: 'integer', example: 31 })
  id: number;

  /** Null once the product has been deleted; the line keeps its name and price. */
  @ApiProperty({ type: 'integer', nullable: true, example: 7 })
  product_id: number | null;

  /** The product's name at checkout. */
  @ApiProperty({ example: 'iPhone 12' })
  name: string;

  /** The product's price at checkout. */
  @ApiMoneyProperty('699.00')
  unit_price: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000, example: 2 })
  quantity: number;

  /** unit_price × quantity. */
  @ApiMoneyProperty('1398.00')
  total_price: string;
}

export class ShippingAddressResponseDto {
  @ApiProperty({ example: 'Alice Liddell' })
  full_name: string;

  @ApiProperty({ example: '1 Rabbit Hole' })
  line1: string;

  @ApiProperty({ example: '' })
  line2: string;

  @ApiProperty({ example: 'Oxford' })
  city: string;

  @ApiProperty({ example: 'OX1 1AA' })
  postal_code: string;

  @ApiProperty({ example: 'GB' })
  country: string;

  @ApiProperty({ example: '' })
  phone: string;
}

export class OrderResponseDto {
  @ApiProperty({ type: 'integer', example: 12 })
  id: number;

  @ApiProperty({ enum: ORDER_STATUSES, example: 'pending' })
  status: string;

  @ApiProperty({ type: () => [OrderItemResponseDto] })
  items: OrderItemResponseDto[];

  @ApiProperty({ type: 'integer', example: 2 })
  total_quantity: number;

  @ApiMoneyProperty('1398.00')
  total_price: string;

  @ApiProperty({ type: () => ShippingAddressResponseDto })
  shipping_address: ShippingAddressResponseDto;

  /** The customer's user id; null once the account is deleted. */
  @ApiProperty({ type: 'integer', nullable: true, example: 17 })
  user: number | null;

  @ApiProperty(TIME)
  created_at: string;

  @ApiProperty(TIME)
  updated_at: string;

  static from(row: OrderRow): OrderResponseDto {
    return {
      id: row.id,
      status: row.status,
      items: row.items.map(itemFrom),
      total_quantity: row.total_quantity,
      total_price: renderMoney(row.total_price),
      shipping_address: {
        full_name: row.shipping_full_name,
        line1: row.shipping_line1,
        line2: row.shipping_line2,
        city: row.shipping_city,
        postal_code: row.shipping_postal_code,
        country: row.shipping_country,
        phone: row.shipping_phone,
      },
      user: row.user_id,
      created_at: row.created_at,
      updated_at: row.updated_at,
    };
  }
}

function itemFrom(item: OrderItemRow): OrderItemResponseDto {
  return {
    id: item.id,
    product_id: item.product_id,
    name: item.name,
    unit_price: renderMoney(item.unit_price),
    quantity: item.quantity,
    total_price: renderMoney(item.total_price),
  };
}

/** A cursor-mode page of orders: no count, links that stay cheap at any depth. */
export class OrderCursorPageDto {
  @ApiProperty({ type: 'string', format: 'uri', nullable: true })
  next: string | null;

  @ApiProperty({ type: 'string', format: 'uri', nullable: true })
  previous: string | null;

  @ApiProperty({ type: () => [OrderResponseDto] })
  results: OrderResponseDto[];
}

import type { Account, Category, Order, OrderItem, Product, ShippingAddress } from '@storedeal/sdk';

export type { Account, Category, Order, OrderItem, Product, ShippingAddress };

export type OrderStatus = Order['status'];

export const ORDER_STATUSES: OrderStatus[] = ['pending', 'paid', 'shipped', 'delivered', 'cancelled'];

/** A DRF page, and its cursor-mode variant. */
export interface DrfPage<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}
export interface CursorPage<T> {
  next: string | null;
  previous: string | null;
  results: T[];
}

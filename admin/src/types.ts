import type { Category, Product } from '@storedeal/sdk';

export type { Category, Product };

/** API.md's Orders section. */
export type OrderStatus = 'pending' | 'paid' | 'shipped' | 'delivered' | 'cancelled';

export interface OrderLine {
  id: number;
  product_id: number | null;
  name: string;
  unit_price: string;
  quantity: number;
  total_price: string;
}

export interface ShippingAddress {
  full_name: string;
  line1: string;
  line2: string;
  city: string;
  postal_code: string;
  country: string;
  phone: string;
}

export interface Order {
  id: number;
  status: OrderStatus;
  items: OrderLine[];
  total_quantity: number;
  total_price: string;
  shipping_address: ShippingAddress;
  user: number | null;
  created_at: string;
  updated_at: string;
}

/** The staff-only accounts API (GET/PATCH /accounts/…). */
export interface Account {
  id: number;
  username: string;
  email: string;
  first_name: string;
  last_name: string;
  is_active: boolean;
  is_staff: boolean;
  is_superuser: boolean;
  date_joined: string;
  last_login: string | null;
}

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

export const ORDER_STATUSES: OrderStatus[] = ['pending', 'paid', 'shipped', 'delivered', 'cancelled'];

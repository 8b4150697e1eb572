import type { DjangoTable } from './django-rows.js';

/** A user as Storedeal stores it; timestamps are PostgreSQL timestamptz literals. */
export interface PlannedUser {
  id: number;
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  password: string;
  isActive: boolean;
  isStaff: boolean;
  isSuperuser: boolean;
  dateJoined: string;
  lastLogin: string | null;
}

export interface PlannedCategory {
  id: number;
  name: string;
}

export interface PlannedProduct {
  id: number;
  name: string;
  /** Cents, "12.50". */
  price: string;
  stock: number;
  categoryId: number;
}

/** One cart line per (user, product); `id` is the Django line it comes from (the lowest, if merged). */
export interface PlannedCartItem {
  id: number;
  userId: number;
  productId: number;
  quantity: number;
}

/**
 * - changed: stored, but not as Django had it (a rounded price, a merged or capped line)
 * - dropped: not stored as a row of its own (merged into another, or not allowed)
 * - kept: stored as it is, with something the operator should know
 */
export type NoteKind = 'changed' | 'dropped' | 'kept';

export type Rule =
  | 'category-merged'
  | 'product-category-moved'
  | 'price-rounded'
  | 'cart-quantity-zero'
  | 'cart-lines-merged'
  | 'cart-quantity-capped'
  | 'cart-above-stock'
  | 'unusable-password'
  | 'unverifiable-password'
  | 'cannot-hold'
  | 'missing-reference'
  | 'gone-from-django';

export interface Note {
  table: DjangoTable;
  /** The Django row's id. */
  id: number;
  rule: Rule;
  kind: NoteKind;
  detail: string;
}

export interface ImportPlan {
  users: PlannedUser[];
  categories: PlannedCategory[];
  products: PlannedProduct[];
  cartItems: PlannedCartItem[];
  notes: Note[];
}

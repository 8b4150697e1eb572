/**
 * Rows as the Django Storedeal's models hold them (apps `auth`, `product`, `carts`), read
 * without loss: prices and timestamps as text, so no float or time-zone conversion happens
 * before the rules see them.
 */
export interface DjangoUser {
  id: number;
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  /** Django's `<algorithm>$…` hash, or `!…` for an unusable password. */
  password: string;
  isActive: boolean;
  isStaff: boolean;
  isSuperuser: boolean;
  dateJoined: string;
  lastLogin: string | null;
}

export interface DjangoCategory {
  id: number;
  name: string;
}

export interface DjangoProduct {
  id: number;
  name: string;
  /** decimal(10,3) as text: "19.999", "699", or what SQLite renders of a REAL ("1.0e-05"). */
  price: string;
  stock: number;
  categoryId: number;
}

export interface DjangoCartItem {
  id: number;
  userId: number;
  productId: number;
  quantity: number;
}

export interface DjangoData {
  users: DjangoUser[];
  categories: DjangoCategory[];
  products: DjangoProduct[];
  cartItems: DjangoCartItem[];
}

/** The Django tables read, in the order they are imported. */
export const DJANGO_TABLES = ['auth_user', 'product_category', 'product_product', 'carts_cartitem'] as const;
export type DjangoTable = (typeof DJANGO_TABLES)[number];

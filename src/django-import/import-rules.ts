import type { DjangoCartItem, DjangoCategory, DjangoData, DjangoProduct, DjangoUser } from './django-rows.js';
import type { ImportPlan, Note, PlannedCartItem, PlannedCategory, PlannedProduct, PlannedUser } from './import-plan.js';
import { roundPriceToCents } from './price-rounding.js';
import { countProblem, idProblem, stockProblem, textProblem, timestampLiteral } from './storedeal-limits.js';

/** Storedeal's cart holds at most this many of one product per line. */
export const MAX_CART_QUANTITY = 1000;

export interface RuleContext {
  /** Case folding as the target's unique index on lower(name) applies it. */
  foldCase(name: string): string;
  /** Whether Storedeal's login understands this password hash. */
  canVerifyPassword(encoded: string): boolean;
}

/**
 * Turns Django's rows into the rows Storedeal will hold. Whatever cannot be held as it is
 * follows a rule (README, "Moving from the Django Storedeal") and leaves a note; nothing is
 * changed or left out without one.
 */
export function planImport(data: DjangoData, context: RuleContext): ImportPlan {
  const notes: Note[] = [];
  const users = planUsers(byId(data.users), context, notes);
  const { categories, survivorOf } = planCategories(byId(data.categories), context, notes);
  const products = planProducts(byId(data.products), survivorOf, notes);
  const cartItems = planCartItems(byId(data.cartItems), new Set(users.map((user) => user.id)), products, notes);
  return { users, categories, products, cartItems, notes };
}

function byId<T extends { id: number }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => a.id - b.id);
}

function quoted(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}…` : text);
}

function planUsers(rows: DjangoUser[], context: RuleContext, notes: Note[]): PlannedUser[] {
  const planned: PlannedUser[] = [];
  for (const row of rows) {
    const dateJoined = timestampLiteral(row.dateJoined);
    const lastLogin = row.lastLogin === null ? null : timestampLiteral(row.lastLogin);
    const problem =
      idProblem(row.id) ??
      textProblem('username', row.username, 150) ??
      (row.username === '' ? 'username is empty' : undefined) ??
      textProblem('email', row.email, 254) ??
      textProblem('first_name', row.firstName, 150) ??
      textProblem('last_name', row.lastName, 150) ??
      textProblem('password', row.password, 255) ??
      (dateJoined === undefined ? `date_joined "${row.dateJoined}" is not a date and time` : undefined) ??
      (lastLogin === undefined ? `last_login "${row.lastLogin}" is not a date and time` : undefined);
    const label = `user ${row.id} ${quoted(String(row.username))}`;
    if (problem) {
      notes.push({ table: 'auth_user', id: row.id, rule: 'cannot-hold', kind: 'dropped', detail: `${label}: ${problem}` });
      continue;
    }
    if (row.password.startsWith('!')) {
      notes.push({
        table: 'auth_user',
        id: row.id,
        rule: 'unusable-password',
        kind: 'kept',
        detail: `${label} has an unusable password: no password logs in until a password reset sets one`,
      });
    } else if (!context.canVerifyPassword(row.password)) {
      const algorithm = row.password.includes('$') ? row.password.slice(0, row.password.indexOf('$')) : 'an unknown format';
      notes.push({
        table: 'auth_user',
        id: row.id,
        rule: 'unverifiable-password',
        kind: 'kept',
        detail: `${label}: password hashed with ${algorithm}, which Storedeal does not verify: a password reset sets a new one`,
      });
    }
    planned.push({ ...row, dateJoined: dateJoined as string, lastLogin: lastLogin ?? null });
  }
  return planned;
}

function planCategories(rows: DjangoCategory[], context: RuleContext, notes: Note[]) {
  const categories: PlannedCategory[] = [];
  /** Django category id → the Storedeal category that holds its products. */
  const survivorOf = new Map<number, PlannedCategory>();
  const byFoldedName = new Map<string, PlannedCategory>();
  for (const row of rows) {
    const problem = idProblem(row.id) ?? textProblem('name', row.name, 255);
    if (problem) {
      notes.push({ table: 'product_category', id: row.id, rule: 'cannot-hold', kind: 'dropped', detail: `category ${row.id}: ${problem}` });
      continue;
    }
    const folded = context.foldCase(row.name);
    const survivor = byFoldedName.get(folded);
    if (survivor) {
      // Storedeal's category names are unique ignoring case; the lowest id keeps its name.
      survivorOf.set(row.id, survivor);
      notes.push({
        table: 'product_category',
        id: row.id,
        rule: 'category-merged',
        kind: 'dropped',
        detail: `category ${row.id} ${quoted(row.name)} merged into category ${survivor.id} ${quoted(survivor.name)} (names equal ignoring case); its products move there`,
      });
      continue;
    }
    const category = { id: row.id, name: row.name };
    byFoldedName.set(folded, category);
    survivorOf.set(row.id, category);
    categories.push(category);
  }
  return { categories, survivorOf };
}

function planProducts(rows: DjangoProduct[], survivorOf: Map<number, PlannedCategory>, notes: Note[]): PlannedProduct[] {
  const planned: PlannedProduct[] = [];
  for (const row of rows) {
    const label = `product ${row.id} ${quoted(String(row.name))}`;
    const price = roundPriceToCents(String(row.price));
    const problem = idProblem(row.id) ?? textProblem('name', row.name, 255) ?? (price.ok ? undefined : price.reason) ?? stockProblem(row.stock);
    if (problem || !price.ok) {
      notes.push({ table: 'product_product', id: row.id, rule: 'cannot-hold', kind: 'dropped', detail: `${label}: ${problem}` });
      continue;
    }
    const category = survivorOf.get(row.categoryId);
    if (!category) {
      notes.push({
        table: 'product_product',
        id: row.id,
        rule: 'missing-reference',
        kind: 'dropped',
        detail: `${label}: its category ${row.categoryId} is not imported`,
      });
      continue;
    }
    if (category.id !== row.categoryId) {
      notes.push({
        table: 'product_product',
        id: row.id,
        rule: 'product-category-moved',
        kind: 'changed',
        detail: `${label}: category ${row.categoryId} → ${category.id} (merged)`,
      });
    }
    if (price.rounded) {
      notes.push({
        table: 'product_product',
        id: row.id,
        rule: 'price-rounded',
        kind: 'changed',
        detail: `${label}: price ${row.price} → ${price.price} (rounded half-up to cents)`,
      });
    }
    planned.push({ id: row.id, name: row.name, price: price.price, stock: row.stock, categoryId: category.id });
  }
  return planned;
}

function planCartItems(rows: DjangoCartItem[], userIds: Set<number>, products: PlannedProduct[], notes: Note[]): PlannedCartItem[] {
  const productsById = new Map(products.map((product) => [product.id, product]));
  const lines = new Map<string, PlannedCartItem & { merged: number[]; quantities: number[] }>();
  const drop = (row: DjangoCartItem, rule: Note['rule'], detail: string) =>
    notes.push({ table: 'carts_cartitem', id: row.id, rule, kind: 'dropped', detail: `cart line ${row.id} (user ${row.userId}, product ${row.productId}): ${detail}` });
  for (const row of rows) {
    const problem = countProblem('quantity', row.quantity);
    if (problem) {
      drop(row, 'cannot-hold', problem);
      continue;
    }
    if (!userIds.has(row.userId)) {
      drop(row, 'missing-reference', `its user ${row.userId} is not imported`);
      continue;
    }
    if (!productsById.has(row.productId)) {
      drop(row, 'missing-reference', `its product ${row.productId} is not imported`);
      continue;
    }
    if (row.quantity === 0) {
      drop(row, 'cart-quantity-zero', 'quantity 0');
      continue;
    }
    const key = `${row.userId}:${row.productId}`;
    const line = lines.get(key);
    if (line) {
      // Two lines for one product: Storedeal has one line per product, holding both quantities.
      line.quantity += row.quantity;
      line.merged.push(row.id);
      line.quantities.push(row.quantity);
      drop(row, 'cart-lines-merged', `merged into line ${line.id} (same user and product)`);
      continue;
    }
    lines.set(key, { id: row.id, userId: row.userId, productId: row.productId, quantity: row.quantity, merged: [], quantities: [row.quantity] });
  }

  const planned: PlannedCartItem[] = [];
  for (const line of lines.values()) {
    const label = `cart line ${line.id} (user ${line.userId}, product ${line.productId})`;
    const note = (rule: Note['rule'], kind: Note['kind'], detail: string) =>
      notes.push({ table: 'carts_cartitem', id: line.id, rule, kind, detail: `${label}: ${detail}` });
    if (line.merged.length > 0) {
      note('cart-lines-merged', 'changed', `lines ${[line.id, ...line.merged].join(', ')} merged: quantity ${line.quantities.join(' + ')} = ${line.quantity}`);
    }
    if (line.quantity > MAX_CART_QUANTITY) {
      note('cart-quantity-capped', 'changed', `quantity ${line.quantity} → ${MAX_CART_QUANTITY} (Storedeal's most per line)`);
      line.quantity = MAX_CART_QUANTITY;
    }
    const stock = productsById.get(line.productId)?.stock ?? 0;
    if (line.quantity > stock) {
      note('cart-above-stock', 'kept', `quantity ${line.quantity} is above the stock of ${stock}; kept, the cart shows the stock`);
    }
    planned.push({ id: line.id, userId: line.userId, productId: line.productId, quantity: line.quantity });
  }
  return planned;
}

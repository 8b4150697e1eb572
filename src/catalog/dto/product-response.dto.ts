import type { Product } from '../entities/product.entity.js';

export class ProductResponseDto {
  id: number;
  name: string;
  /** Exactly two decimals, e.g. "699.00". */
  price: string;
  stock: number;
  /** The category's id. */
  category: number;

  static from(product: Product): ProductResponseDto {
    // numeric(10,2) comes back from PostgreSQL as a string with exactly two decimals.
    return { id: product.id, name: product.name, price: product.price, stock: product.stock, category: product.categoryId };
  }
}

/** A cursor-mode listing page: no count, links that stay cheap at any depth. */
export class ProductCursorPageDto {
  next: string | null;
  previous: string | null;
  results: ProductResponseDto[];
}

import { DataSource } from 'typeorm';
import { Category } from '../../src/catalog/entities/category.entity.js';
import { Product } from '../../src/catalog/entities/product.entity.js';
import { TestApp } from './test-app.js';
import { uniqueName } from './users.js';

/**
 * Catalogue rows written straight through the app's DataSource, so cart tests do not depend
 * on the catalogue's HTTP endpoints. Names are unique: tests may share a database.
 */
export interface TestProduct {
  id: number;
  name: string;
  price: string;
  stock: number;
  categoryId: number;
}

function dataSourceOf(app: TestApp): DataSource {
  return app.app.get(DataSource);
}

export async function createCategory(app: TestApp): Promise<Category> {
  return dataSourceOf(app).getRepository(Category).save({ name: uniqueName('category') });
}

export interface NewProduct {
  price?: string;
  stock?: number;
  categoryId?: number;
  name?: string;
}

/** A product (in a fresh category unless one is given); price "10.00" and stock 100 by default. */
export async function createProduct(app: TestApp, options: NewProduct = {}): Promise<TestProduct> {
  const categoryId = options.categoryId ?? (await createCategory(app)).id;
  const saved = await dataSourceOf(app)
    .getRepository(Product)
    .save({
      name: options.name ?? uniqueName('product'),
      price: options.price ?? '10.00',
      stock: options.stock ?? 100,
      categoryId,
    });
  return { id: saved.id, name: saved.name, price: saved.price, stock: saved.stock, categoryId };
}

export async function updateProduct(app: TestApp, id: number, changes: { price?: string; stock?: number }): Promise<void> {
  await dataSourceOf(app).getRepository(Product).update({ id }, changes);
}

export async function deleteProduct(app: TestApp, id: number): Promise<void> {
  await dataSourceOf(app).getRepository(Product).delete({ id });
}

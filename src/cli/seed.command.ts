import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CatalogSeeder } from '../catalog/catalog-seeder.js';

export interface SeedOptions {
  categories?: string;
  products?: string;
}

const LIMITS = { categories: 1_000_000, products: 100_000_000 };
const DEFAULTS = { categories: 20, products: 10_000 };

/** `--categories N` / `--products M`: a positive whole number, or the default when absent. */
export function seedCount(option: keyof typeof LIMITS, value: string | undefined): number {
  if (value === undefined) return DEFAULTS[option];
  const text = value.trim().replace(/_/g, '');
  const count = /^\d{1,12}$/.test(text) ? Number.parseInt(text, 10) : NaN;
  if (!(count >= 1 && count <= LIMITS[option])) {
    throw new Error(`--${option} must be a positive integer no larger than ${LIMITS[option].toLocaleString('en')} (got "${value}").`);
  }
  return count;
}

/** Fills a demo catalogue: categories "Category 1".."Category N", then M more products among them. */
export async function seed(context: INestApplicationContext, options: SeedOptions, progress: (line: string) => void): Promise<void> {
  const size = { categories: seedCount('categories', options.categories), products: seedCount('products', options.products) };
  const seeder = new CatalogSeeder(context.get(DataSource), progress);
  const result = await seeder.seed(size);
  progress(
    `Seeded ${size.categories} categories (${result.categoriesCreated} new) and ${result.productsCreated.toLocaleString('en')} products ` +
      `in ${result.seconds.toFixed(1)} s (${Math.round(result.productsCreated / result.seconds).toLocaleString('en')} products/s).`,
  );
}

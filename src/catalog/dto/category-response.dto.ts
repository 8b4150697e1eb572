import type { Category } from '../entities/category.entity.js';

export class CategoryResponseDto {
  id: number;
  name: string;

  static from(category: Category): CategoryResponseDto {
    return { id: category.id, name: category.name };
  }
}

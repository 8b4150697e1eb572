import { ApiProperty } from '@nestjs/swagger';
import type { Category } from '../entities/category.entity.js';

export class CategoryResponseDto {
  @ApiProperty({ type: 'integer', example: 1 })
  id: number;

  @ApiProperty({ minLength: 1, maxLength: 255, example: 'Phones' })
  name: string;

  static from(category: Category): CategoryResponseDto {
    return { id: category.id, name: category.name };
  }
}

import { ApiProperty } from '@nestjs/swagger';
import { renderMoney } from '../../common/money.js';
import { ApiMoneyProperty } from '../../common/openapi/money.js';
import type { Product } from '../entities/product.entity.js';

export class ProductResponseDto {
  @ApiProperty({ type: 'integer', example: 1 })
  id: number;

  @ApiProperty({ minLength: 1, maxLength: 255, example: 'iPhone 12' })
  name: string;

  /** Exactly two decimals, e.g. "699.00". */
  @ApiMoneyProperty('699.00')
  price: string;

  @ApiProperty({ type: 'integer', minimum: 0, example: 12 })
  stock: number;

  /** The category's id. */
  @ApiProperty({ type: 'integer', example: 1 })
  category: number;

  static from(product: Product): ProductResponseDto {
    return { id: product.id, name: product.name, price: renderMoney(product.price), stock: product.stock, category: product.categoryId };
  }
}

/** A cursor-mode listing page: no count, links that stay cheap at any depth. */
export class ProductCursorPageDto {
  /** Absolute URL of the next page (it carries `cursor`), or null on the last page. */
  @ApiProperty({ type: 'string', format: 'uri', nullable: true })
  next: string | null;

  /** Absolute URL of the previous page (it carries `cursor`), or null on the first page. */
  @ApiProperty({ type: 'string', format: 'uri', nullable: true })
  previous: string | null;

  @ApiProperty({ type: () => [ProductResponseDto] })
  results: ProductResponseDto[];
}

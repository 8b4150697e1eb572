import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IntegerField, PrimaryKeyField } from '../../common/validation/drf-fields.js';

export const MAX_LINE_QUANTITY = 1000;

/** POST /cart/: add a product, or set the quantity of its existing line. */
export class AddCartItemDto {
  /** Id of an existing product. */
  @ApiProperty({ type: 'integer', example: 7 })
  @PrimaryKeyField()
  product_id: number;

  /** 1–1000, at most the product's stock; 1 when omitted. The line gets this quantity (it is not added to). */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_LINE_QUANTITY, default: 1, example: 2 })
  @IntegerField({ required: false, min: 1, max: MAX_LINE_QUANTITY })
  quantity?: number;
}

/** PATCH /cart/items/{id}/: a partial update, as DRF's PATCH is; only the quantity can change. */
export class UpdateCartItemDto {
  /** 1–1000, at most the product's stock. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_LINE_QUANTITY, example: 3 })
  @IntegerField({ required: false, min: 1, max: MAX_LINE_QUANTITY })
  quantity?: number;
}

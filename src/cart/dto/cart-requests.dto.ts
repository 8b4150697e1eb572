import { IntegerField, PrimaryKeyField } from '../../common/validation/drf-fields.js';

export const MAX_LINE_QUANTITY = 1000;

/** POST /cart/: add a product, or set the quantity of its existing line. */
export class AddCartItemDto {
  /** Id of an existing product. */
  @PrimaryKeyField()
  product_id: number;

  /** 1–1000, at most the product's stock; 1 when omitted. */
  @IntegerField({ required: false, min: 1, max: MAX_LINE_QUANTITY })
  quantity?: number;
}

/** PATCH /cart/items/{id}/: a partial update, as DRF's PATCH is; only the quantity can change. */
export class UpdateCartItemDto {
  /** 1–1000, at most the product's stock. */
  @IntegerField({ required: false, min: 1, max: MAX_LINE_QUANTITY })
  quantity?: number;
}

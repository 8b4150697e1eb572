import { FieldValidationError } from '../common/errors/domain-errors.js';
import { Msg } from '../common/validation/drf-messages.js';

/** The cart's outcomes and their wording, in one place. */

/** The quantity asked for a line is more than the product's stock. */
export class NotEnoughStockForLine extends FieldValidationError {
  constructor(readonly available: number) {
    super({ quantity: [`Only ${available} left in stock.`] });
  }
}

/** `product_id` names no product (DRF's PrimaryKeyRelatedField message). */
export class UnknownProduct extends FieldValidationError {
  constructor(readonly productId: number) {
    super({ product_id: [Msg.pkDoesNotExist(productId)] });
  }
}

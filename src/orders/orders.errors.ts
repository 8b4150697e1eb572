import { ConflictError, FieldValidationError, UnprocessableError } from '../common/errors/domain-errors.js';
import { OrderStatus, transitionRefusal } from './order-status.js';

/** The orders' outcomes and their wording (API.md's Orders section), in one place. */

export class EmptyCart extends FieldValidationError {
  constructor() {
    super({ non_field_errors: ['Your cart is empty.'] });
  }
}

export interface ShortLine {
  product_id: number;
  requested: number;
  /** 0 for a product that no longer exists. */
  available: number;
}

/** Some lines of the cart have less stock than they ask for: every one of them is listed. */
export class InsufficientStock extends ConflictError {
  constructor(readonly items: ShortLine[]) {
    super('Not enough stock for some items.', 'insufficient_stock', { items });
  }
}

export class InvalidTransition extends ConflictError {
  constructor(
    readonly from: OrderStatus,
    readonly to: OrderStatus,
  ) {
    super(transitionRefusal(from, to), 'invalid_transition');
  }
}

export class IdempotencyKeyReused extends UnprocessableError {
  constructor() {
    super('Idempotency-Key was already used with a different request.', 'idempotency_key_reused');
  }
}

export class IdempotencyKeyInUse extends ConflictError {
  constructor() {
    super('A request with this Idempotency-Key is still in progress.', 'idempotency_key_in_use');
  }
}

export class InvalidIdempotencyKey extends FieldValidationError {
  constructor() {
    super({ 'Idempotency-Key': ['Must be 1 to 255 visible ASCII characters.'] });
  }
}

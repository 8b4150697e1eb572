import { ConflictError, FieldValidationError } from '../common/errors/domain-errors.js';
import { Msg } from '../common/validation/drf-messages.js';

/** The catalogue's outcomes and their wording, in one place. */

/** django-filter's ModelChoiceFilter message, for `?category=` naming no category (also the query DTO's). */
export const INVALID_CATEGORY_CHOICE = 'Select a valid choice. That choice is not one of the available choices.';

export class CategoryNameTaken extends FieldValidationError {
  constructor() {
    super({ name: ['category with this name already exists.'] });
  }
}

/** A product's `category` naming no category (DRF's PrimaryKeyRelatedField message). */
export class UnknownCategory extends FieldValidationError {
  constructor(readonly categoryId: number) {
    super({ category: [Msg.pkDoesNotExist(categoryId)] });
  }
}

export class InvalidCategoryFilter extends FieldValidationError {
  constructor() {
    super({ category: [INVALID_CATEGORY_CHOICE] });
  }
}

/** Products still belong to the category (the foreign key restricts the delete). */
export class CategoryInUse extends ConflictError {
  constructor() {
    super('Cannot delete this category: products still belong to it. Delete or move them first.');
  }
}

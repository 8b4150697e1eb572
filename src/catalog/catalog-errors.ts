import { ConflictError, FieldValidationError } from '../common/errors/domain-errors.js';
import { Msg } from '../common/validation/drf-messages.js';

/** The catalogue's error wording, in one place. */
export const CATEGORY_NAME_TAKEN = 'category with this name already exists.';
/** django-filter's ModelChoiceFilter message, for `?category=` naming no category. */
export const INVALID_CATEGORY_CHOICE = 'Select a valid choice. That choice is not one of the available choices.';
export const CATEGORY_IN_USE = 'Cannot delete this category: products still belong to it. Delete or move them first.';

export const categoryNameTaken = () => FieldValidationError.of('name', CATEGORY_NAME_TAKEN);
export const unknownCategory = (pk: number) => FieldValidationError.of('category', Msg.pkDoesNotExist(pk));
export const invalidCategoryFilter = () => FieldValidationError.of('category', INVALID_CATEGORY_CHOICE);
export const categoryInUse = () => new ConflictError(CATEGORY_IN_USE);

import { Transform } from 'class-transformer';

/**
 * `?min_price=` with nothing after it means "no filter", as in django-filter. Put it below
 * the field decorator: the transform nearest the property runs first.
 */
export const BlankAsMissing = () =>
  Transform(({ value }) => (typeof value === 'string' && value.trim() === '' ? undefined : value));

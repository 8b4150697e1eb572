import { DecimalField, IntegerField, PrimaryKeyField, StringField } from '../../common/validation/drf-fields.js';

export const PRICE_FIELD = { maxDigits: 10, decimalPlaces: 2 } as const;
const MAX_STOCK = 2147483647;

/** POST /products/ and PUT /products/{id}/: every field required. */
export class ProductRequestDto {
  /** 1–255 characters after trimming. */
  @StringField({ maxLength: 255 })
  name: string;

  /** A JSON number or numeric string, ≥ 0, at most 10 digits and 2 decimal places. */
  @DecimalField({ ...PRICE_FIELD, nonNegative: true })
  price: string;

  /** An integer from 0 to 2147483647. */
  @IntegerField({ min: 0, max: MAX_STOCK })
  stock: number;

  /** The id of an existing category. */
  @PrimaryKeyField()
  category: number;
}

/** PATCH /products/{id}/: any subset of the fields. */
export class PartialProductRequestDto {
  /** 1–255 characters after trimming. */
  @StringField({ maxLength: 255, required: false })
  name?: string;

  /** A JSON number or numeric string, ≥ 0, at most 10 digits and 2 decimal places. */
  @DecimalField({ ...PRICE_FIELD, nonNegative: true, required: false })
  price?: string;

  /** An integer from 0 to 2147483647. */
  @IntegerField({ min: 0, max: MAX_STOCK, required: false })
  stock?: number;

  /** The id of an existing category. */
  @PrimaryKeyField({ required: false })
  category?: number;
}

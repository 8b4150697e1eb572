import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ApiPropertyOptions } from '@nestjs/swagger';
import { DecimalField, IntegerField, PrimaryKeyField, StringField } from '../../common/validation/drf-fields.js';
import { MAX_INT4 } from '../../common/ids.js';

export const PRICE_FIELD = { maxDigits: 10, decimalPlaces: 2 } as const;

/** How the request bodies' fields are documented (the field decorators below enforce them). */
const DOCS = {
  name: { minLength: 1, maxLength: 255, example: 'iPhone 12' },
  price: {
    oneOf: [
      { type: 'string', example: '699.00' },
      { type: 'number', example: 699 },
    ],
    description:
      'A decimal, as a string ("699.00") or a JSON number (699): ≥ 0, at most 10 digits in total and 2 decimal places ' +
      '(so at most 99999999.99). Responses always give it as a string with exactly 2 decimals.',
  },
  stock: { type: 'integer', minimum: 0, maximum: MAX_INT4, example: 12 },
  category: { type: 'integer', example: 1 },
} satisfies Record<string, ApiPropertyOptions>;

/** POST /products/ and PUT /products/{id}/: every field required. */
export class ProductRequestDto {
  /** 1–255 characters after trimming. */
  @ApiProperty(DOCS.name)
  @StringField({ maxLength: 255 })
  name: string;

  /** A JSON number or numeric string, ≥ 0, at most 10 digits and 2 decimal places. */
  @ApiProperty(DOCS.price)
  @DecimalField({ ...PRICE_FIELD, nonNegative: true })
  price: string;

  /** An integer from 0 to 2147483647. */
  @ApiProperty(DOCS.stock)
  @IntegerField({ min: 0, max: MAX_INT4 })
  stock: number;

  /** The id of an existing category. */
  @ApiProperty(DOCS.category)
  @PrimaryKeyField()
  category: number;
}

/** PATCH /products/{id}/: any subset of the fields. */
export class PartialProductRequestDto {
  /** 1–255 characters after trimming. */
  @ApiPropertyOptional(DOCS.name)
  @StringField({ maxLength: 255, required: false })
  name?: string;

  /** A JSON number or numeric string, ≥ 0, at most 10 digits and 2 decimal places. */
  @ApiPropertyOptional(DOCS.price)
  @DecimalField({ ...PRICE_FIELD, nonNegative: true, required: false })
  price?: string;

  /** An integer from 0 to 2147483647. */
  @ApiPropertyOptional(DOCS.stock)
  @IntegerField({ min: 0, max: MAX_INT4, required: false })
  stock?: number;

  /** The id of an existing category. */
  @ApiPropertyOptional(DOCS.category)
  @PrimaryKeyField({ required: false })
  category?: number;
}

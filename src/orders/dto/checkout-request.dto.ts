import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NestedField, StringField } from '../../common/validation/drf-fields.js';
import { COUNTRY_CODES } from '../countries.js';

const TEXT = { maxLength: 255 } as const;

/** Where the order goes. Stored with the order as it was given. */
export class ShippingAddressDto {
  /** Who receives the parcel. */
  @ApiProperty({ minLength: 1, maxLength: 255, example: 'Alice Liddell' })
  @StringField(TEXT)
  full_name: string;

  @ApiProperty({ minLength: 1, maxLength: 255, example: '1 Rabbit Hole' })
  @StringField(TEXT)
  line1: string;

  @ApiPropertyOptional({ maxLength: 255, default: '', example: '' })
  @StringField({ ...TEXT, required: false, allowBlank: true })
  line2?: string;

  @ApiProperty({ minLength: 1, maxLength: 255, example: 'Oxford' })
  @StringField(TEXT)
  city: string;

  @ApiProperty({ minLength: 1, maxLength: 255, example: 'OX1 1AA' })
  @StringField(TEXT)
  postal_code: string;

  /** ISO 3166-1 alpha-2 code (`GB`, `US`, …); lower case is accepted and stored in capitals. */
  @ApiProperty({ minLength: 2, maxLength: 2, example: 'GB' })
  @StringField({ validate: (value) => (COUNTRY_CODES.has(value.toUpperCase()) ? null : `"${value}" is not a valid choice.`) })
  country: string;

  @ApiPropertyOptional({ maxLength: 255, default: '', example: '+44 1865 000000' })
  @StringField({ ...TEXT, required: false, allowBlank: true })
  phone?: string;
}

/** POST /orders/: the whole cart becomes the order. */
export class CheckoutRequestDto {
  @ApiProperty({ type: () => ShippingAddressDto })
  @NestedField(ShippingAddressDto)
  shipping_address: ShippingAddressDto;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { StringField } from '../../common/validation/drf-fields.js';

const NAME = { minLength: 1, maxLength: 255, example: 'Phones' } as const;

/** POST /categories/ and PUT /categories/{id}/. */
export class CategoryRequestDto {
  /** 1–255 characters after trimming; unique case-insensitively. */
  @ApiProperty(NAME)
  @StringField({ maxLength: 255 })
  name: string;
}

/** PATCH /categories/{id}/: any subset of the fields. */
export class PartialCategoryRequestDto {
  /** 1–255 characters after trimming; unique case-insensitively. */
  @ApiPropertyOptional(NAME)
  @StringField({ maxLength: 255, required: false })
  name?: string;
}

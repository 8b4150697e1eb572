import { StringField } from '../../common/validation/drf-fields.js';

/** POST /categories/ and PUT /categories/{id}/. */
export class CategoryRequestDto {
  /** 1–255 characters after trimming; unique case-insensitively. */
  @StringField({ maxLength: 255 })
  name: string;
}

/** PATCH /categories/{id}/: any subset of the fields. */
export class PartialCategoryRequestDto {
  /** 1–255 characters after trimming; unique case-insensitively. */
  @StringField({ maxLength: 255, required: false })
  name?: string;
}

import { PageQueryDto } from '../../common/pagination/pagination.js';
import { StringField } from '../../common/validation/drf-fields.js';

/** GET /categories/. */
export class CategoryListQueryDto extends PageQueryDto {
  /** Case-insensitive substring of the name. */
  @StringField({ required: false, allowBlank: true })
  search?: string;
}

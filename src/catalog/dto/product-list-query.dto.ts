import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination.js';
import { BooleanField, DecimalField, StringField } from '../../common/validation/drf-fields.js';
import { INVALID_CATEGORY_CHOICE } from '../catalog.errors.js';
import { INVALID_ORDERING, parseOrdering } from '../product-ordering.js';
import { PRICE_FIELD } from './product-requests.dto.js';
import { BlankAsMissing } from '../../common/validation/query-values.js';
import { isSerialId } from '../../common/ids.js';


/** A category id; anything else gets django-filter's "Select a valid choice" message. */
function CategoryFilterField() {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' && /^\s*\d{1,10}\s*$/.test(value) ? Number.parseInt(value, 10) : value)),
    ValidateBy({
      name: 'categoryFilter',
      validator: {
        validate: (value: unknown) =>
          value === undefined || isSerialId(value),
        defaultMessage: () => INVALID_CATEGORY_CHOICE,
      },
    }),
  );
}

/** GET /products/: filters, ordering, and offset or cursor paging. */
export class ProductListQueryDto extends PageQueryDto {
  @CategoryFilterField()
  @BlankAsMissing()
  category?: number;

  @DecimalField({ ...PRICE_FIELD, required: false })
  @BlankAsMissing()
  min_price?: string;

  @DecimalField({ ...PRICE_FIELD, required: false })
  @BlankAsMissing()
  max_price?: string;

  @BooleanField({ required: false })
  @BlankAsMissing()
  in_stock?: boolean;

  @StringField({ required: false, allowBlank: true })
  search?: string;

  @StringField({ required: false, allowBlank: true, validate: (value) => (parseOrdering(value) ? null : INVALID_ORDERING) })
  ordering?: string;

  @StringField({ required: false, allowBlank: true, validate: (value) => (value === 'cursor' ? null : `"${value}" is not a valid choice.`) })
  mode?: string;

  @StringField({ required: false, allowBlank: true, trim: false })
  cursor?: string;
}

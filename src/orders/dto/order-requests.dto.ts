import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';
import { isSerialId } from '../../common/ids.js';
import { PageQueryDto } from '../../common/pagination/pagination.js';
import { StringField } from '../../common/validation/drf-fields.js';
import { FORWARD_STATUSES, ORDER_STATUSES } from '../order-status.js';
import type { ForwardStatus, OrderStatus } from '../order-status.js';

const notAChoice = (value: string) => `"${value}" is not a valid choice.`;

/** django-filter's ChoiceFilter message. */
const invalidStatusFilter = (value: string) => `Select a valid choice. ${value} is not one of the available choices.`;

/** `?user=` of the staff filter: a user id; blank means no filter. */
function UserFilterField() {
  return applyDecorators(
    Transform(({ value }) => {
      if (typeof value !== 'string') return value;
      if (value.trim() === '') return undefined;
      return /^\s*\d{1,10}\s*$/.test(value) ? Number.parseInt(value, 10) : value;
    }),
    ValidateBy({
      name: 'userFilter',
      validator: { validate: (value: unknown) => value === undefined || isSerialId(value), defaultMessage: () => 'Enter a whole number.' },
    }),
  );
}

/** GET /orders/: filters, then offset or cursor paging (newest first). */
export class OrderListQueryDto extends PageQueryDto {
  @StringField({ required: false, allowBlank: true, validate: (value) => ((ORDER_STATUSES as readonly string[]).includes(value) ? null : invalidStatusFilter(value)) })
  status?: OrderStatus | '';

  @UserFilterField()
  user?: number;

  @StringField({ required: false, allowBlank: true, validate: (value) => (value === 'cursor' ? null : notAChoice(value)) })
  mode?: string;

  @StringField({ required: false, allowBlank: true, trim: false })
  cursor?: string;
}

/** PATCH /orders/{id}/ (staff): the next status along pending → paid → shipped → delivered. */
export class UpdateOrderDto {
  @ApiPropertyOptional({ enum: FORWARD_STATUSES, example: 'paid' })
  @StringField({ required: false, validate: (value) => ((FORWARD_STATUSES as readonly string[]).includes(value) ? null : notAChoice(value)) })
  status?: ForwardStatus;
}

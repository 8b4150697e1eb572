import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser } from '../common/auth/current-user.decorator.js';
import { StaffOnly } from '../common/auth/staff-only.guard.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { MAX_INT4 } from '../common/ids.js';
import { ApiErrorResponse } from '../common/openapi/error-responses.js';
import { ApiPageQuery, pageSchema } from '../common/openapi/pagination.js';
import { InvalidCursor } from '../common/pagination/cursor.js';
import { absoluteUrl, buildPage, DEFAULT_PAGE_SIZE, Page, pageRequest, urlFor } from '../common/pagination/pagination.js';
import { CheckoutRequestDto } from './dto/checkout-request.dto.js';
import { OrderListQueryDto, UpdateOrderDto } from './dto/order-requests.dto.js';
import { OrderCursorPageDto, OrderResponseDto } from './dto/order-response.dto.js';
import { decodeOrderCursor, encodeOrderCursor } from './order-cursor.js';
import { ORDER_STATUSES } from './order-status.js';
import {
  EmptyCart,
  IdempotencyKeyInUse,
  IdempotencyKeyReused,
  InsufficientStock,
  InvalidIdempotencyKey,
  InvalidTransition,
} from './orders.errors.js';
import { OrderFilters, OrdersService } from './orders.service.js';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

const INVALID_TRANSITION = {
  description: 'The order is not in a status it can move from (`code: "invalid_transition"`).',
  examples: { shipped: { summary: 'Already shipped', value: new InvalidTransition('shipped', 'cancelled').body() } },
};

/**
 * Checkout and orders under /orders/. Every route needs a token; customers see their own
 * orders, staff see all of them and move them along.
 */
@ApiTags('orders')
@ApiExtraModels(OrderResponseDto, OrderCursorPageDto)
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  /** Checkout: the whole cart becomes one order (stock taken, cart emptied), and a confirmation mail goes out. */
  @Post()
  @ApiOperation({ operationId: 'orders_checkout' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Any 1–255 visible ASCII characters, new for each checkout the client means to make (a UUID). Retrying with the ' +
      'same key within 24 hours returns the order the first request made (201, `Idempotent-Replayed: true`) and takes ' +
      'nothing again. A checkout that failed (400, 409, 5xx) frees its key for a retry.',
    schema: { type: 'string', minLength: 1, maxLength: 255, example: '6f1c2a5e-8d1b-4c57-9d0e-3f2b7c1a9e44' },
  })
  @ApiCreatedResponse({
    type: OrderResponseDto,
    description: 'The new order (or, for a retried Idempotency-Key, the order its first request made).',
    headers: {
      Location: { description: 'Absolute URL of the order.', required: true, schema: { type: 'string', format: 'uri' } },
      'Idempotent-Replayed': {
        description: '`true` when an earlier request with the same Idempotency-Key made this order.',
        schema: { type: 'string', enum: ['true'] },
      },
    },
  })
  @ApiErrorResponse(400, {
    examples: {
      empty: { summary: 'Empty cart', value: new EmptyCart().body() },
      address: { summary: 'A field of the address', value: { shipping_address: { country: ['"XX" is not a valid choice.'] } } },
      missing: { summary: 'No address', value: { shipping_address: ['This field is required.'] } },
      key: { summary: 'Bad Idempotency-Key', value: new InvalidIdempotencyKey().body() },
    },
  })
  @ApiErrorResponse(409, {
    description:
      'Not enough stock for some lines (`insufficient_stock`, every short line listed; nothing changed), or a request ' +
      'with this Idempotency-Key is still running (`idempotency_key_in_use`).',
    examples: {
      stock: { summary: 'Short stock', value: new InsufficientStock([{ product_id: 7, requested: 5, available: 3 }]).body() },
      inUse: { summary: 'Key in use', value: new IdempotencyKeyInUse().body() },
    },
  })
  @ApiErrorResponse(422, {
    description: 'The Idempotency-Key was used with a different request.',
    examples: { reused: { summary: 'Key reused', value: new IdempotencyKeyReused().body() } },
  })
  async checkout(
    @CurrentUser() user: AuthUser,
    @Body() dto: CheckoutRequestDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrderResponseDto> {
    const { order, replayed } = await this.orders.checkout(user, dto.shipping_address, idempotencyKeyOf(request));
    reply.status(201).header('Location', urlFor(request, `/orders/${order.id}/`));
    if (replayed) reply.header('Idempotent-Replayed', 'true');
    return order;
  }

  /** Orders, newest first: your own, or (staff) everyone's. A page at a time (`?page=`) or by cursor (`?mode=cursor`). */
  @Get()
  @ApiPageQuery({ cursorMode: true })
  @ApiQuery({ name: 'status', required: false, enum: ORDER_STATUSES, description: 'Only orders in this status.' })
  @ApiQuery({
    name: 'user',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: MAX_INT4, example: 17 },
    description: "Only this user's orders (for staff; customers only ever see their own).",
  })
  @ApiQuery({
    name: 'mode',
    required: false,
    enum: ['cursor'],
    description: '`cursor` starts cursor paging: `{next, previous, results}` without `count`, the same cost at any depth.',
  })
  @ApiQuery({
    name: 'cursor',
    required: false,
    type: String,
    description: 'Opaque position from a `next`/`previous` link of a cursor-mode response (empty: the first page).',
  })
  @ApiOkResponse({
    description: 'Offset mode: `{count, next, previous, results}`; cursor mode: `{next, previous, results}`.',
    schema: { anyOf: [pageSchema(OrderResponseDto), { $ref: getSchemaPath(OrderCursorPageDto) }] },
  })
  @ApiErrorResponse(400, {
    examples: {
      status: { summary: 'Unknown status', value: { status: ['Select a valid choice. lost is not one of the available choices.'] } },
      cursor: { summary: 'Bad cursor', value: new InvalidCursor().body() },
    },
  })
  async list(
    @CurrentUser() viewer: AuthUser,
    @Query() query: OrderListQueryDto,
    @Req() request: FastifyRequest,
  ): Promise<Page<OrderResponseDto> | OrderCursorPageDto> {
    const filters: OrderFilters = { status: query.status || undefined, user: query.user };
    if (query.mode === 'cursor' || query.cursor !== undefined) {
      const position = query.cursor ? decodeOrderCursor(query.cursor) : undefined;
      const slice = await this.orders.listSlice(viewer, filters, query.page_size ?? DEFAULT_PAGE_SIZE, position);
      const link = (id: number | null, backward: boolean) =>
        id === null ? null : absoluteUrl(request, { cursor: encodeOrderCursor({ id, backward }), mode: null, page: null });
      return { next: link(slice.nextAfter, false), previous: link(slice.previousBefore, true), results: slice.orders };
    }
    const page = pageRequest(query, { cursorMode: true });
    const { count, orders } = await this.orders.listPage(viewer, filters, page);
    return buildPage(request, page, count, orders);
  }

  /** An order: yours, or any when you are staff (404 for anyone else's). */
  @Get(':id')
  @ApiOkResponse({ type: OrderResponseDto })
  get(@CurrentUser() viewer: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<OrderResponseDto> {
    return this.orders.get(viewer, id);
  }

  /** Staff: moves the order one step forward (pending → paid → shipped → delivered). */
  @StaffOnly()
  @Patch(':id')
  @ApiOkResponse({ type: OrderResponseDto })
  @ApiErrorResponse(400, { examples: { status: { summary: 'Not a status', value: { status: ['"lost" is not a valid choice.'] } } } })
  @ApiErrorResponse(409, INVALID_TRANSITION)
  update(
    @CurrentUser() viewer: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: UpdateOrderDto,
  ): Promise<OrderResponseDto> {
    // A PATCH without a status changes nothing, as a DRF partial update with no fields.
    return dto.status === undefined ? this.orders.get(viewer, id) : this.orders.advance(id, dto.status);
  }

  /** Cancels the order and puts its units back in stock: its owner while pending, staff while pending or paid. */
  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderResponseDto, description: 'The order, now cancelled.' })
  @ApiErrorResponse(409, INVALID_TRANSITION)
  cancel(@CurrentUser() viewer: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<OrderResponseDto> {
    return this.orders.cancel(viewer, id);
  }
}

/** The optional Idempotency-Key header, checked: 1–255 visible ASCII characters, sent once. */
function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) throw new InvalidIdempotencyKey();
  return key;
}

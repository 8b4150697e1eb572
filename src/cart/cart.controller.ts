import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser } from '../common/auth/current-user.decorator.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { ApiErrorResponse } from '../common/openapi/error-responses.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { NotEnoughStockForLine, UnknownProduct } from './cart.errors.js';
import { CartService } from './cart.service.js';
import { AddCartItemDto, UpdateCartItemDto } from './dto/cart-requests.dto.js';
import { CartItemResponseDto, CartResponseDto } from './dto/cart-response.dto.js';

const QUANTITY_ERRORS = {
  examples: {
    stock: { summary: 'More than the stock', value: new NotEnoughStockForLine(3).body() },
    range: { summary: 'Out of range', value: { quantity: ['Ensure this value is less than or equal to 1000.'] } },
  },
} as const;

/**
 * The authenticated user's own cart under /cart/ (every route needs a token: the OpenAPI
 * document's security comes from the global guard's rules).
 */
@ApiTags('cart')
@Controller('cart')
export class CartController {
  constructor(private readonly cart: CartService) {}

  /** The cart's lines, oldest first, with their totals at current prices. */
  @Get()
  @ApiOkResponse({ type: CartResponseDto, description: 'An empty cart has `items: []`, `total_quantity: 0`, `total_price: "0.00"`.' })
  get(@CurrentUser() user: AuthUser): Promise<CartResponseDto> {
    return this.cart.getCart(user.id);
  }

  /** Adds the product, or sets the quantity of the line it already has. */
  @Post()
  @ApiCreatedResponse({ type: CartItemResponseDto, description: 'A new line was created.' })
  @ApiOkResponse({ type: CartItemResponseDto, description: 'The existing line now has this quantity.' })
  @ApiErrorResponse(400, {
    examples: {
      product: { summary: 'No such product', value: new UnknownProduct(99).body() },
      ...QUANTITY_ERRORS.examples,
    },
  })
  async add(
    @CurrentUser() user: AuthUser,
    @Body() dto: AddCartItemDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CartItemResponseDto> {
    const { item, created } = await this.cart.addItem(user.id, dto);
    reply.status(created ? 201 : 200);
    return item;
  }

  /** Empties the cart. */
  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The cart is empty.' })
  async clear(@CurrentUser() user: AuthUser): Promise<void> {
    await this.cart.clear(user.id);
  }

  /** Sets the quantity of one of your cart lines. */
  @Patch('items/:id')
  @ApiOperation({ operationId: 'cart_update_item' })
  @ApiOkResponse({ type: CartItemResponseDto })
  @ApiErrorResponse(400, QUANTITY_ERRORS)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: UpdateCartItemDto,
  ): Promise<CartItemResponseDto> {
    return this.cart.updateItem(user.id, id, dto);
  }

  /** Removes one of your cart lines. */
  @Delete('items/:id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'cart_remove_item' })
  @ApiNoContentResponse({ description: 'The line is gone.' })
  async remove(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.cart.removeItem(user.id, id);
  }
}

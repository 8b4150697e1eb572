import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import type { User } from '../users/entities/user.entity.js';
import { CartService } from './cart.service.js';
import { AddCartItemDto, UpdateCartItemDto } from './dto/cart-requests.dto.js';
import { CartItemResponseDto, CartResponseDto } from './dto/cart-response.dto.js';

/** The authenticated user's own cart under /cart/. */
@ApiTags('cart')
@ApiBearerAuth('jwt')
@Controller('cart')
export class CartController {
  constructor(private readonly cart: CartService) {}

  /** The cart's lines, oldest first, with their totals at current prices. */
  @Get()
  get(@CurrentUser() user: User): Promise<CartResponseDto> {
    return this.cart.getCart(user.id);
  }

  /** Adds the product, or sets the quantity of the line it already has. */
  @Post()
  @ApiCreatedResponse({ type: CartItemResponseDto, description: 'A new line was created.' })
  @ApiOkResponse({ type: CartItemResponseDto, description: 'The existing line now has this quantity.' })
  async add(
    @CurrentUser() user: User,
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
  async clear(@CurrentUser() user: User): Promise<void> {
    await this.cart.clear(user.id);
  }

  @Patch('items/:id')
  update(
    @CurrentUser() user: User,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: UpdateCartItemDto,
  ): Promise<CartItemResponseDto> {
    return this.cart.updateItem(user.id, id, dto);
  }

  @Delete('items/:id')
  @HttpCode(204)
  async remove(@CurrentUser() user: User, @Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.cart.removeItem(user.id, id);
  }
}

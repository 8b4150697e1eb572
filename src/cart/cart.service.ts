import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { CatalogService } from '../catalog/catalog.service.js';
import { Sql } from '../database/sql.js';
import { sqlState } from '../common/errors/database-errors.js';
import { DomainError, NotFoundError } from '../common/errors/domain-errors.js';
import { isSerialId } from '../common/ids.js';
import { NotEnoughStockForLine, UnknownProduct } from './cart.errors.js';
import {
  CartLineRow,
  CartRow,
  SELECT_CART,
  SELECT_LINE,
  UPDATE_LINE_QUANTITY,
  UPSERT_LINE,
  UpsertedLineRow,
} from './cart.queries.js';
import { AddCartItemDto, UpdateCartItemDto } from './dto/cart-requests.dto.js';
import { CartItemResponseDto, CartResponseDto } from './dto/cart-response.dto.js';
import { CartItem } from './entities/cart-item.entity.js';

const DEFAULT_QUANTITY = 1;

/** A cart line as checkout takes it: which product, how many. */
export interface CartLine {
  productId: number;
  quantity: number;
}

export interface AddedCartItem {
  item: CartItemResponseDto;
  /** False when the product already had a line and only its quantity was set. */
  created: boolean;
}

/** A user's cart. Every query is scoped by the user id, so another user's line is simply not found. */
@Injectable()
export class CartService {
  constructor(
    @InjectRepository(CartItem) private readonly items: Repository<CartItem>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: CatalogService,
    private readonly sql: Sql,
  ) {}

  async getCart(userId: number): Promise<CartResponseDto> {
    return CartResponseDto.from(await this.sql.query<CartRow>(SELECT_CART, [userId]));
  }

  async addItem(userId: number, dto: AddCartItemDto): Promise<AddedCartItem> {
    const quantity = dto.quantity ?? DEFAULT_QUANTITY;
    const productId = dto.product_id;
    // An id PostgreSQL's integer cannot hold names no product; asking would fail with a cast error.
    if (!isSerialId(productId)) throw new UnknownProduct(productId);
    let row: UpsertedLineRow | undefined;
    try {
      [row] = await this.sql.query<UpsertedLineRow>(UPSERT_LINE, [userId, productId, quantity]);
    } catch (error) {
      // The product was deleted between the statement's read and its foreign-key check.
      if (sqlState(error) === '23503') throw new UnknownProduct(productId);
      throw error;
    }
    if (row) return { item: CartItemResponseDto.from(row), created: row.created };
    throw await this.whyNotAdded(productId);
  }

  /** The upsert refused the line: the product is missing, or its stock is below the quantity. */
  private async whyNotAdded(productId: number): Promise<DomainError> {
    const product = await this.catalog.findProduct(productId);
    return product ? new NotEnoughStockForLine(product.stock) : new UnknownProduct(productId);
  }

  async updateItem(userId: number, itemId: number, dto: UpdateCartItemDto): Promise<CartItemResponseDto> {
    if (dto.quantity === undefined) return CartItemResponseDto.from(await this.findLine(userId, itemId));
    const [row] = await this.dataSource.query<CartLineRow[]>(UPDATE_LINE_QUANTITY, [itemId, userId, dto.quantity]);
    if (row) return CartItemResponseDto.from(row);
    // Not updated: either the line is not this user's (404) or the product lacks stock.
    throw new NotEnoughStockForLine((await this.findLine(userId, itemId)).product_stock);
  }

  private async findLine(userId: number, itemId: number): Promise<CartLineRow> {
    const [row] = await this.dataSource.query<CartLineRow[]>(SELECT_LINE, [itemId, userId]);
    if (!row) throw new NotFoundError();
    return row;
  }

  async removeItem(userId: number, itemId: number): Promise<void> {
    const result = await this.items.delete({ id: itemId, userId });
    if (!result.affected) throw new NotFoundError();
  }

  /**
   * The user's lines, oldest first, inside the caller's transaction. They stay locked until it
   * ends, so a concurrent checkout of the same cart waits and then finds it empty.
   */
  async linesFor(userId: number, manager: EntityManager): Promise<CartLine[]> {
    const rows = await manager.query<Array<{ product_id: number; quantity: number }>>(
      'SELECT product_id, quantity FROM cart_items WHERE user_id = $1 ORDER BY created_at, id FOR UPDATE',
      [userId],
    );
    return rows.map((row) => ({ productId: row.product_id, quantity: row.quantity }));
  }

  /** Empties the cart; with a manager, as part of the caller's transaction. */
  async clear(userId: number, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.delete(CartItem, { userId });
  }
}

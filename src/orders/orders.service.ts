import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CartLine, CartService } from '../cart/cart.service.js';
import { CatalogService, TakenStock } from '../catalog/catalog.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { NotFoundError } from '../common/errors/domain-errors.js';
import { PageRequest } from '../common/pagination/pagination.js';
import { MailService } from '../mail/mail.service.js';
import { UsersService } from '../users/users.service.js';
import { ShippingAddressDto } from './dto/checkout-request.dto.js';
import { OrderResponseDto } from './dto/order-response.dto.js';
import { IdempotencyKeys } from './idempotency-keys.js';
import { confirmationMail } from './order-mail.js';
import { cancellableStatuses, ForwardStatus, OrderStatus, previousStatus } from './order-status.js';
import { EmptyCart, InsufficientStock, InvalidTransition } from './orders.errors.js';
import { INSERT_ORDER, MOVE_ORDER, ORDER_COLUMNS, OrderRow, SELECT_ORDER, SELECT_RETURNABLE_LINES, SELECT_VISIBLE_STATUS } from './orders.queries.js';

export interface PlacedOrder {
  order: OrderResponseDto;
  /** True when an earlier request with the same Idempotency-Key made it. */
  replayed: boolean;
}

export interface OrderFilters {
  status?: OrderStatus;
  user?: number;
}

/** A keyset page of orders, newest first: after (or, backward, before) an order id. */
export interface OrderSlice {
  orders: OrderResponseDto[];
  /** The id to continue after, or null on the last page. */
  nextAfter: number | null;
  /** The id to go back before, or null on the first page. */
  previousBefore: number | null;
}

/** Checkout, order history and the order's life (cancel, staff status moves). */
@Injectable()
export class OrdersService {
  private readonly logger = new Logger(OrdersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cart: CartService,
    private readonly catalog: CatalogService,
    private readonly users: UsersService,
    private readonly mail: MailService,
    private readonly idempotencyKeys: IdempotencyKeys,
  ) {}

  /**
   * The whole cart becomes one order: in one transaction the cart's lines are read (locked),
   * the stock is taken, the order is written with the names and prices of that moment, and
   * the cart is emptied. Short stock on any line changes nothing.
   */
  async checkout(user: AuthUser, address: ShippingAddressDto, idempotencyKey?: string): Promise<PlacedOrder> {
    if (idempotencyKey === undefined) return { order: await this.place(user.id, address), replayed: false };
    const claim = await this.idempotencyKeys.claim(user.id, idempotencyKey, requestHash(address));
    if (claim.replayOrderId !== undefined) return { order: await this.load(claim.replayOrderId), replayed: true };
    try {
      const order = await this.place(user.id, address, (orderId, manager) =>
        this.idempotencyKeys.complete(user.id, idempotencyKey, claim.claimId, orderId, manager),
      );
      return { order, replayed: false };
    } catch (error) {
      await this.idempotencyKeys.release(user.id, idempotencyKey, claim.claimId).catch(() => undefined);
      throw error;
    }
  }

  private async place(
    userId: number,
    address: ShippingAddressDto,
    alsoInTransaction?: (orderId: number, manager: EntityManager) => Promise<void>,
  ): Promise<OrderResponseDto> {
    const orderId = await this.dataSource.transaction(async (manager) => {
      const lines = await this.cart.linesFor(userId, manager);
      if (lines.length === 0) throw new EmptyCart();
      // Emptied before the stock is taken, so the product rows stay locked for as few statements
      // as possible (other checkouts of them wait); a shortfall rolls the emptying back.
      await this.cart.clear(userId, manager);
      const taking = await this.catalog.takeStock(lines, manager);
      if (taking.short) {
        throw new InsufficientStock(
          taking.short.map((line) => ({ product_id: line.productId, requested: line.requested, available: line.available })),
        );
      }
      const placed = await this.insertOrder(userId, lines, taking.taken, address, manager);
      await alsoInTransaction?.(placed, manager);
      return placed;
    });
    const order = await this.load(orderId);
    await this.sendConfirmation(userId, order);
    return order;
  }

  private async insertOrder(
    userId: number,
    lines: CartLine[],
    taken: TakenStock[],
    address: ShippingAddressDto,
    manager: EntityManager,
  ): Promise<number> {
    const products = new Map(taken.map((product) => [product.productId, product]));
    const [placed] = await manager.query<Array<{ order_id: number }>>(INSERT_ORDER, [
      userId,
      lines.map((line) => line.productId),
      lines.map((line) => products.get(line.productId)!.name),
      lines.map((line) => products.get(line.productId)!.price),
      lines.map((line) => line.quantity),
      address.full_name,
      address.line1,
      address.line2 ?? '',
      address.city,
      address.postal_code,
      address.country.toUpperCase(),
      address.phone ?? '',
    ]);
    return placed.order_id;
  }

  /** The mail is a courtesy: a failure to send it is logged, and the order stands. */
  private async sendConfirmation(userId: number, order: OrderResponseDto): Promise<void> {
    try {
      const user = await this.users.findById(userId);
      if (!user?.email) return;
      await this.mail.send({ to: user.email, ...confirmationMail(user.username, order) });
    } catch (error) {
      this.logger.error({ err: error, orderId: order.id }, 'order confirmation mail failed');
    }
  }

  async get(viewer: AuthUser, id: number): Promise<OrderResponseDto> {
    const order = await this.load(id);
    if (!viewer.isStaff && order.user !== viewer.id) throw new NotFoundError();
    return order;
  }

  private async load(id: number): Promise<OrderResponseDto> {
    const row = await this.selectOrder(id, this.dataSource.manager);
    if (!row) throw new NotFoundError();
    return OrderResponseDto.from(row);
  }

  private async selectOrder(id: number, manager: EntityManager): Promise<OrderRow | undefined> {
    const [row] = await manager.query<OrderRow[]>(SELECT_ORDER, [id]);
    return row;
  }

  /** Newest first, a page at a time; non-staff see only their own orders. */
  async listPage(viewer: AuthUser, filters: OrderFilters, page: PageRequest): Promise<{ count: number; orders: OrderResponseDto[] }> {
    const where = this.where(viewer, filters);
    const [rows, [{ count }]] = await Promise.all([
      this.dataSource.query<OrderRow[]>(
        `SELECT ${ORDER_COLUMNS} FROM orders o WHERE ${where.sql} ORDER BY o.id DESC LIMIT ${page.pageSize} OFFSET ${page.offset}`,
        where.parameters,
      ),
      this.dataSource.query<Array<{ count: number }>>(`SELECT count(*)::integer AS count FROM orders o WHERE ${where.sql}`, where.parameters),
    ]);
    return { count, orders: rows.map(OrderResponseDto.from) };
  }

  /** Newest first, by keyset: the same cost at any depth. */
  async listSlice(
    viewer: AuthUser,
    filters: OrderFilters,
    pageSize: number,
    position?: { id: number; backward: boolean },
  ): Promise<OrderSlice> {
    const where = this.where(viewer, filters);
    const fetch = (condition: string, direction: 'ASC' | 'DESC', id?: number) =>
      this.dataSource.query<OrderRow[]>(
        `SELECT ${ORDER_COLUMNS} FROM orders o WHERE ${where.sql}${condition} ORDER BY o.id ${direction} LIMIT ${pageSize + 1}`,
        id === undefined ? where.parameters : [...where.parameters, id],
      );
    const next = `$${where.parameters.length + 1}`;
    if (position?.backward) {
      const rows = await fetch(` AND o.id > ${next}`, 'ASC', position.id);
      // Fewer than a page before the position: that is the first page.
      if (rows.length >= pageSize) {
        const orders = rows.slice(0, pageSize).reverse();
        return {
          orders: orders.map(OrderResponseDto.from),
          previousBefore: rows.length > pageSize ? orders[0].id : null,
          nextAfter: orders[orders.length - 1].id,
        };
      }
      position = undefined;
    }
    const rows = position ? await fetch(` AND o.id < ${next}`, 'DESC', position.id) : await fetch('', 'DESC');
    const orders = rows.slice(0, pageSize);
    let previousBefore: number | null = null;
    // An empty page (the rest was deleted meanwhile) goes back to the page that ended at the position.
    if (position) previousBefore = orders.length > 0 ? orders[0].id : position.id - 1;
    return {
      orders: orders.map(OrderResponseDto.from),
      previousBefore,
      nextAfter: rows.length > pageSize ? orders[pageSize - 1].id : null,
    };
  }

  private where(viewer: AuthUser, filters: OrderFilters): { sql: string; parameters: unknown[] } {
    const conditions = ['TRUE'];
    const parameters: unknown[] = [];
    const add = (condition: (placeholder: string) => string, value: unknown) => {
      parameters.push(value);
      conditions.push(condition(`$${parameters.length}`));
    };
    if (!viewer.isStaff) add((p) => `o.user_id = ${p}`, viewer.id);
    // Within what the viewer may see, as a filter on DRF's queryset does.
    if (filters.user !== undefined) add((p) => `o.user_id = ${p}`, filters.user);
    if (filters.status !== undefined) add((p) => `o.status = ${p}`, filters.status);
    return { sql: conditions.join(' AND '), parameters };
  }

  /** Owner while pending, staff while pending or paid; the stock goes back exactly once. */
  async cancel(viewer: AuthUser, id: number): Promise<OrderResponseDto> {
    const owner = viewer.isStaff ? null : viewer.id;
    await this.dataSource.transaction(async (manager) => {
      await this.move(id, 'cancelled', cancellableStatuses(viewer.isStaff), owner, manager);
      const lines = await manager.query<Array<{ product_id: number; quantity: number }>>(SELECT_RETURNABLE_LINES, [id]);
      await this.catalog.returnStock(
        lines.map((line) => ({ productId: line.product_id, quantity: line.quantity })),
        manager,
      );
    });
    return this.load(id);
  }

  /** Staff: one step forward (pending → paid → shipped → delivered). */
  async advance(id: number, status: ForwardStatus): Promise<OrderResponseDto> {
    await this.move(id, status, [previousStatus(status)], null, this.dataSource.manager);
    return this.load(id);
  }

  /**
   * One atomic UPDATE guarded by the statuses the order may move from: of two racing moves
   * (two cancels, say) only one happens; the other is told why it cannot.
   */
  private async move(id: number, to: OrderStatus, from: OrderStatus[], owner: number | null, manager: EntityManager): Promise<void> {
    const [moved] = await manager.query<[unknown[], number]>(MOVE_ORDER, [id, to, from, owner]);
    if (moved.length === 1) return;
    const [current] = await manager.query<Array<{ status: OrderStatus }>>(SELECT_VISIBLE_STATUS, [id, owner]);
    if (!current) throw new NotFoundError();
    throw new InvalidTransition(current.status, to);
  }
}

/** What makes two checkouts with one Idempotency-Key the same request: the address as validated. */
function requestHash(address: ShippingAddressDto): string {
  const canonical = {
    full_name: address.full_name,
    line1: address.line1,
    line2: address.line2 ?? '',
    city: address.city,
    postal_code: address.postal_code,
    country: address.country.toUpperCase(),
    phone: address.phone ?? '',
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

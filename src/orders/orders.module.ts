import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CartModule } from '../cart/cart.module.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { MailModule } from '../mail/mail.module.js';
import { UsersModule } from '../users/users.module.js';
import { IdempotencyKey } from './entities/idempotency-key.entity.js';
import { OrderItem } from './entities/order-item.entity.js';
import { Order } from './entities/order.entity.js';
import { IdempotencyKeys } from './idempotency-keys.js';
import { OrdersController } from './orders.controller.js';
import { OrdersService } from './orders.service.js';

/** Checkout and orders. Reads and empties the cart, takes and returns stock, through those modules' services. */
@Module({
  imports: [TypeOrmModule.forFeature([Order, OrderItem, IdempotencyKey]), CartModule, CatalogModule, UsersModule, MailModule],
  controllers: [OrdersController],
  providers: [OrdersService, IdempotencyKeys],
})
export class OrdersModule {}

import { RefreshToken } from '../tokens/entities/refresh-token.entity.js';
import { CartItem } from '../cart/entities/cart-item.entity.js';
import { Category } from '../catalog/entities/category.entity.js';
import { Product } from '../catalog/entities/product.entity.js';
import { IdempotencyKey } from '../orders/entities/idempotency-key.entity.js';
import { OrderItem } from '../orders/entities/order-item.entity.js';
import { Order } from '../orders/entities/order.entity.js';
import { User } from '../users/entities/user.entity.js';

/** Every entity, listed explicitly so the app, tests and the TypeORM CLI see the same set. */
export const entities = [User, RefreshToken, Category, Product, CartItem, Order, OrderItem, IdempotencyKey];

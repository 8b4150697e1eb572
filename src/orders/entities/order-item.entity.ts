import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Product } from '../../catalog/entities/product.entity.js';
import { Order } from './order.entity.js';

/** One line of an order: the product's name and price as they were at checkout. */
@Check('CHK_order_items_quantity_range', '"quantity" > 0 AND "quantity" <= 1000')
@Check('CHK_order_items_unit_price_non_negative', '"unit_price" >= 0')
@Entity({ name: 'order_items' })
export class OrderItem {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('IDX_order_items_order')
  @Column({ name: 'order_id', type: 'integer' })
  orderId: number;

  @ManyToOne(() => Order, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id', foreignKeyConstraintName: 'FK_order_items_order' })
  order?: Order;

  /** Null once the product is deleted; the line and its snapshot stay. */
  @Index('IDX_order_items_product')
  @Column({ name: 'product_id', type: 'integer', nullable: true })
  productId: number | null;

  @ManyToOne(() => Product, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'product_id', foreignKeyConstraintName: 'FK_order_items_product' })
  product?: Product;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ name: 'unit_price', type: 'numeric', precision: 10, scale: 2 })
  unitPrice: string;

  @Column({ type: 'integer' })
  quantity: number;
}

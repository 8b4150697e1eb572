import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../../users/entities/user.entity.js';

/**
 * A placed order. Its lines, totals and address are a snapshot: nothing in the catalogue
 * changes them later. The order outlives its user (`user_id` becomes null).
 */
// History (own orders, newest first) and the staff filters walk these indexes by id.
@Index('IDX_orders_user_id', ['userId', 'id'])
@Index('IDX_orders_status_id', ['status', 'id'])
@Index('IDX_orders_user_status_id', ['userId', 'status', 'id'])
@Check('CHK_orders_status', `"status" IN ('pending', 'paid', 'shipped', 'delivered', 'cancelled')`)
@Check('CHK_orders_total_quantity_positive', '"total_quantity" > 0')
@Entity({ name: 'orders' })
export class Order {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'user_id', type: 'integer', nullable: true })
  userId: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_orders_user' })
  user?: User;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: string;

  @Column({ name: 'total_quantity', type: 'integer' })
  totalQuantity: number;

  @Column({ name: 'total_price', type: 'numeric', precision: 16, scale: 2 })
  totalPrice: string;

  @Column({ name: 'shipping_full_name', type: 'varchar', length: 255 })
  shippingFullName: string;

  @Column({ name: 'shipping_line1', type: 'varchar', length: 255 })
  shippingLine1: string;

  @Column({ name: 'shipping_line2', type: 'varchar', length: 255, default: '' })
  shippingLine2: string;

  @Column({ name: 'shipping_city', type: 'varchar', length: 255 })
  shippingCity: string;

  @Column({ name: 'shipping_postal_code', type: 'varchar', length: 255 })
  shippingPostalCode: string;

  @Column({ name: 'shipping_country', type: 'char', length: 2 })
  shippingCountry: string;

  @Column({ name: 'shipping_phone', type: 'varchar', length: 255, default: '' })
  shippingPhone: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

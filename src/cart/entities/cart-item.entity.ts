import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Product } from '../../catalog/entities/product.entity.js';
import { User } from '../../users/entities/user.entity.js';

/** One line of a user's cart; (user, product) is unique so concurrent adds upsert one line. */
@Unique('UQ_cart_items_user_product', ['userId', 'productId'])
@Check('CHK_cart_items_quantity_range', '"quantity" > 0 AND "quantity" <= 1000')
@Entity({ name: 'cart_items' })
export class CartItem {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_cart_items_user' })
  user?: User;

  @Index('IDX_cart_items_product')
  @Column({ name: 'product_id', type: 'integer' })
  productId: number;

  @ManyToOne(() => Product, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'product_id', foreignKeyConstraintName: 'FK_cart_items_product' })
  product?: Product;

  @Column({ type: 'integer' })
  quantity: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

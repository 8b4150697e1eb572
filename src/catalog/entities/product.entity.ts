import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Category } from './category.entity.js';

// Listing indexes (ordering, category + price, search on the suffixes of name) live in the migration.
@Index('IDX_products_name_suffixes', { synchronize: false })
@Index('IDX_products_price_id', { synchronize: false })
@Index('IDX_products_name_id', { synchronize: false })
@Index('IDX_products_stock_id', { synchronize: false })
@Index('IDX_products_category_price_id', { synchronize: false })
@Index('IDX_products_category_id_id', { synchronize: false })
@Index('IDX_products_category_name_id', { synchronize: false })
@Index('IDX_products_category_stock_id', { synchronize: false })
@Check('CHK_products_price_non_negative', '"price" >= 0')
@Check('CHK_products_stock_non_negative', '"stock" >= 0')
@Entity({ name: 'products' })
export class Product {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  /** numeric(10,2): `pg` hands it over as a string ("12.50"), never a float. */
  @Column({ type: 'numeric', precision: 10, scale: 2 })
  price: string;

  @Column({ type: 'integer' })
  stock: number;

  @Column({ name: 'category_id', type: 'integer' })
  categoryId: number;

  @ManyToOne(() => Category, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_id', foreignKeyConstraintName: 'FK_products_category' })
  category?: Category;
}

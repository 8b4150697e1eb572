import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

// Names are unique case-insensitively; the expression index lives in the migration.
@Index('UQ_categories_name_lower', { synchronize: false })
@Entity({ name: 'categories' })
export class Category {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 255 })
  name: string;
}

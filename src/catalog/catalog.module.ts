import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogService } from './catalog.service.js';
import { Category } from './entities/category.entity.js';
import { Product } from './entities/product.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([Category, Product])],
  providers: [CatalogService],
  exports: [CatalogService],
})
export class CatalogModule {}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Product } from './entities/product.entity.js';

/** The catalogue's single entry point for other modules (the cart asks it about products). */
@Injectable()
export class CatalogService {
  constructor(@InjectRepository(Product) private readonly products: Repository<Product>) {}

  findProduct(id: number): Promise<Product | null> {
    return this.products.findOneBy({ id });
  }
}

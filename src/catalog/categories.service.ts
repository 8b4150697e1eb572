import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { sqlState } from '../common/errors/database-errors.js';
import { NotFoundError } from '../common/errors/domain-errors.js';
import { PageRequest } from '../common/pagination/pagination.js';
import { CategoryInUse, CategoryNameTaken } from './catalog.errors.js';
import { CategoryRequestDto, PartialCategoryRequestDto } from './dto/category-requests.dto.js';
import { Category } from './entities/category.entity.js';
import { containsPattern } from '../common/validation/search-pattern.js';
import { isSerialId } from '../common/ids.js';


@Injectable()
export class CategoriesService {
  constructor(@InjectRepository(Category) private readonly categories: Repository<Category>) {}

  async list(search: string | undefined, page: PageRequest): Promise<{ count: number; categories: Category[] }> {
    const query = this.categories
      .createQueryBuilder('category')
      .orderBy('category.name', 'ASC')
      .addOrderBy('category.id', 'ASC')
      .offset(page.offset)
      .limit(page.pageSize);
    if (search) query.where('category.name ILIKE :search', { search: containsPattern(search) });
    const [categories, count] = await query.getManyAndCount();
    return { count, categories };
  }

  async get(id: number): Promise<Category> {
    const category = await this.categories.findOneBy({ id });
    if (!category) throw new NotFoundError();
    return category;
  }

  /** Whether a category with this id exists (ids outside PostgreSQL's integer range never do). */
  exists(id: number): Promise<boolean> {
    if (!isSerialId(id)) return Promise.resolve(false);
    return this.categories.existsBy({ id });
  }

  async create(dto: CategoryRequestDto): Promise<Category> {
    await this.assertNameFree(dto.name);
    const result = await this.savingName(() => this.categories.insert({ name: dto.name }));
    return { id: result.identifiers[0].id as number, name: dto.name };
  }

  async update(id: number, dto: PartialCategoryRequestDto): Promise<Category> {
    const category = await this.get(id);
    if (dto.name === undefined || dto.name === category.name) return category;
    await this.assertNameFree(dto.name, id);
    const result = await this.savingName(() => this.categories.update({ id }, { name: dto.name }));
    if (result.affected === 0) throw new NotFoundError();
    return { ...category, name: dto.name };
  }

  async delete(id: number): Promise<void> {
    let affected: number | null | undefined;
    try {
      ({ affected } = await this.categories.delete({ id }));
    } catch (error) {
      // The foreign key from products is ON DELETE RESTRICT, which PostgreSQL reports as
      // 23001 (restrict_violation) rather than 23503; the database has the last word.
      const state = sqlState(error);
      if (state === '23001' || state === '23503') throw new CategoryInUse();
      throw error;
    }
    if (affected === 0) throw new NotFoundError();
  }

  /** Checked first for the common case; the unique index on lower(name) settles races. */
  private async assertNameFree(name: string, exceptId?: number): Promise<void> {
    const query = this.categories.createQueryBuilder('category').where('lower(category.name) = lower(:name)', { name });
    if (exceptId !== undefined) query.andWhere('category.id <> :exceptId', { exceptId });
    if (await query.getExists()) throw new CategoryNameTaken();
  }

  private async savingName<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (sqlState(error) === '23505') throw new CategoryNameTaken();
      throw error;
    }
  }
}

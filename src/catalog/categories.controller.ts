import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../auth/public.decorator.js';
import { StaffOnly } from '../auth/staff-only.guard.js';
import { WithETag } from '../common/http/etag.interceptor.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { buildPage, Page, pageRequest } from '../common/pagination/pagination.js';
import { CategoriesService } from './categories.service.js';
import { CategoryListQueryDto } from './dto/category-list-query.dto.js';
import { CategoryRequestDto, PartialCategoryRequestDto } from './dto/category-requests.dto.js';
import { CategoryResponseDto } from './dto/category-response.dto.js';
import { ApiPageQueries } from './page-query.docs.js';

/** Anyone reads the categories; only staff change them. */
@ApiTags('catalogue')
@ApiBearerAuth('jwt')
@Controller('categories')
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  /** Ordered by name; `?search=` matches part of the name, case-insensitively. */
  @Public()
  @WithETag()
  @Get()
  @ApiPageQueries()
  async list(@Query() query: CategoryListQueryDto, @Req() request: FastifyRequest): Promise<Page<CategoryResponseDto>> {
    const page = pageRequest(query);
    const { count, categories } = await this.categories.list(query.search, page);
    return buildPage(request, page, count, categories.map(CategoryResponseDto.from));
  }

  @StaffOnly()
  @Post()
  async create(@Body() dto: CategoryRequestDto): Promise<CategoryResponseDto> {
    return CategoryResponseDto.from(await this.categories.create(dto));
  }

  @Public()
  @WithETag()
  @Get(':id')
  async get(@Param('id', ParseIdPipe) id: number): Promise<CategoryResponseDto> {
    return CategoryResponseDto.from(await this.categories.get(id));
  }

  @StaffOnly()
  @Put(':id')
  async replace(@Param('id', ParseIdPipe) id: number, @Body() dto: CategoryRequestDto): Promise<CategoryResponseDto> {
    return CategoryResponseDto.from(await this.categories.update(id, dto));
  }

  @StaffOnly()
  @Patch(':id')
  async update(@Param('id', ParseIdPipe) id: number, @Body() dto: PartialCategoryRequestDto): Promise<CategoryResponseDto> {
    return CategoryResponseDto.from(await this.categories.update(id, dto));
  }

  /** 409 while products still belong to the category. */
  @StaffOnly()
  @Delete(':id')
  @HttpCode(204)
  async delete(@Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.categories.delete(id);
  }
}

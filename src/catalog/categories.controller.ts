import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../common/auth/public.decorator.js';
import { StaffOnly } from '../common/auth/staff-only.guard.js';
import { WithETag } from '../common/http/with-etag.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { ApiErrorResponse } from '../common/openapi/error-responses.js';
import { ApiPaginatedResponse } from '../common/openapi/pagination.js';
import { buildPage, Page, pageRequest } from '../common/pagination/pagination.js';
import { Msg } from '../common/validation/drf-messages.js';
import { CategoryInUse, CategoryNameTaken } from './catalog.errors.js';
import { CategoriesService } from './categories.service.js';
import { CategoryListQueryDto } from './dto/category-list-query.dto.js';
import { CategoryRequestDto, PartialCategoryRequestDto } from './dto/category-requests.dto.js';
import { CategoryResponseDto } from './dto/category-response.dto.js';

const NAME_ERRORS = {
  examples: {
    taken: { summary: 'Name taken', value: new CategoryNameTaken().body() },
    blank: { summary: 'Blank name', value: { name: [Msg.blank] } },
  },
};

/**
 * Anyone reads the categories; only staff change them. Security and the common error
 * responses in the OpenAPI document follow from @Public, @StaffOnly and the routes.
 */
@ApiTags('catalog')
@Controller('categories')
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  /** Ordered by name; `?search=` matches part of the name, case-insensitively. */
  @Public()
  @Get()
  @ApiPaginatedResponse(CategoryResponseDto, 'A page of categories, by name.')
  @WithETag()
  async list(@Query() query: CategoryListQueryDto, @Req() request: FastifyRequest): Promise<Page<CategoryResponseDto>> {
    const page = pageRequest(query);
    const { count, categories } = await this.categories.list(query.search, page);
    return buildPage(request, page, count, categories.map(CategoryResponseDto.from));
  }

  /** Creates a category. */
  @StaffOnly()
  @Post()
  @ApiCreatedResponse({ type: CategoryResponseDto, description: 'The new category.' })
  @ApiErrorResponse(400, NAME_ERRORS)
  async create(@Body() dto: CategoryRequestDto): Promise<CategoryResponseDto> {
    return CategoryResponseDto.from(await this.categories.create(dto));
  }

  /** A category. */
  @Public()
  @Get(':id')
  @ApiOkResponse({ type: CategoryResponseDto })
  @WithETag()
  async get(@Param('id', ParseIdPipe) id: number): Promise<CategoryResponseDto> {
    return CategoryResponseDto.from(await this.categories.get(id));
  }

  /** Replaces a category: every field required. */
  @StaffOnly()
  @Put(':id')
  @ApiOkResponse({ type: CategoryResponseDto })
  @ApiErrorResponse(400, NAME_ERRORS)
  async replace(@Param('id', ParseIdPipe) id: number, @Body() dto: CategoryRequestDto): Promise<CategoryResponseDto> {
    return CategoryResponseDto.from(await this.categories.update(id, dto));
  }

  /** Changes a category: any subset of the fields. */
  @StaffOnly()
  @Patch(':id')
  @ApiOkResponse({ type: CategoryResponseDto })
  @ApiErrorResponse(400, NAME_ERRORS)
  async update(@Param('id', ParseIdPipe) id: number, @Body() dto: PartialCategoryRequestDto): Promise<CategoryResponseDto> {
    return CategoryResponseDto.from(await this.categories.update(id, dto));
  }

  /** Deletes a category; refused (409) while products still belong to it. */
  @StaffOnly()
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The category is gone.' })
  @ApiErrorResponse(409, {
    description: 'Products still belong to this category.',
    examples: { inUse: { summary: 'Category in use', value: new CategoryInUse().body() } },
  })
  async delete(@Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.categories.delete(id);
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiQuery, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/public.decorator.js';
import { StaffOnly } from '../auth/staff-only.guard.js';
import { WithETag } from '../common/http/etag.interceptor.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { absoluteUrl, buildPage, DEFAULT_PAGE_SIZE, Page, pageRequest } from '../common/pagination/pagination.js';
import { ProductListQueryDto } from './dto/product-list-query.dto.js';
import { PartialProductRequestDto, ProductRequestDto } from './dto/product-requests.dto.js';
import { ProductCursorPageDto, ProductResponseDto } from './dto/product-response.dto.js';
import { ApiPageQueries } from './page-query.docs.js';
import { decodeCursor, encodeCursor, ProductCursor } from './product-cursor.js';
import { DEFAULT_ORDERING, parseOrdering, ProductOrdering } from './product-ordering.js';
import { ProductFilters, ProductSlice, ProductsService } from './products.service.js';

/** Anyone reads the products; only staff change them. */
@ApiTags('catalogue')
@ApiBearerAuth('jwt')
@ApiExtraModels(ProductResponseDto, ProductCursorPageDto)
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Public()
  @WithETag()
  @Get()
  @ApiPageQueries()
  @ApiQuery({ name: 'category', required: false, type: Number, description: 'Only products of this category id.' })
  @ApiQuery({ name: 'min_price', required: false, type: String, description: 'Price at least this, e.g. "10.00".' })
  @ApiQuery({ name: 'max_price', required: false, type: String, description: 'Price at most this.' })
  @ApiQuery({ name: 'in_stock', required: false, type: Boolean, description: '`true`: stock > 0; `false`: stock = 0.' })
  @ApiQuery({ name: 'search', required: false, type: String, description: 'Case-insensitive substring of the name (trigram index).' })
  @ApiQuery({
    name: 'ordering',
    required: false,
    enum: ['id', '-id', 'name', '-name', 'price', '-price', 'stock', '-stock'],
    description: 'Sort field, `-` for descending (default `id`); ties are broken by id in the same direction.',
  })
  @ApiQuery({
    name: 'mode',
    required: false,
    enum: ['cursor'],
    description:
      '`cursor` starts cursor (keyset) paging: the response is `{next, previous, results}` without `count`, and ' +
      'following `next`/`previous` costs the same at any depth. Use it to scroll deep into large listings.',
  })
  @ApiQuery({
    name: 'cursor',
    required: false,
    type: String,
    description:
      'Opaque position from a `next`/`previous` link of a cursor-mode response (an empty value starts at the first page). ' +
      'Keep the other parameters (filters, `ordering`) as they were in the link; a cursor that does not fit them → ' +
      '400 `{"cursor": ["Invalid cursor"]}`.',
  })
  @ApiOkResponse({
    description: 'Offset mode: `{count, next, previous, results}`; cursor mode: `{next, previous, results}`.',
    schema: {
      oneOf: [
        {
          type: 'object',
          properties: {
            count: { type: 'integer' },
            next: { type: 'string', nullable: true },
            previous: { type: 'string', nullable: true },
            results: { type: 'array', items: { $ref: getSchemaPath(ProductResponseDto) } },
          },
        },
        { $ref: getSchemaPath(ProductCursorPageDto) },
      ],
    },
  })
  async list(
    @Query() query: ProductListQueryDto,
    @Req() request: FastifyRequest,
  ): Promise<Page<ProductResponseDto> | ProductCursorPageDto> {
    const filters: ProductFilters = {
      category: query.category,
      minPrice: query.min_price,
      maxPrice: query.max_price,
      inStock: query.in_stock,
      search: query.search || undefined,
    };
    const ordering = (query.ordering && parseOrdering(query.ordering)) || DEFAULT_ORDERING;
    if (query.mode === 'cursor' || query.cursor !== undefined) {
      const cursor = query.cursor ? decodeCursor(query.cursor, ordering) : undefined;
      const slice = await this.products.listSlice(filters, ordering, query.page_size ?? DEFAULT_PAGE_SIZE, cursor);
      return cursorPage(request, ordering, slice);
    }
    const page = pageRequest(query);
    const { count, products } = await this.products.listPage(filters, ordering, page);
    return buildPage(request, page, count, products.map(ProductResponseDto.from));
  }

  /** 201 with a `Location` header naming the new product. */
  @StaffOnly()
  @Post()
  async create(
    @Body() dto: ProductRequestDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProductResponseDto> {
    const product = ProductResponseDto.from(await this.products.create(dto));
    reply.header('Location', new URL(`/products/${product.id}/`, `${request.protocol}://${request.host}`).toString());
    return product;
  }

  @Public()
  @WithETag()
  @Get(':id')
  async get(@Param('id', ParseIdPipe) id: number): Promise<ProductResponseDto> {
    return ProductResponseDto.from(await this.products.get(id));
  }

  /** Every field required. */
  @StaffOnly()
  @Put(':id')
  async replace(@Param('id', ParseIdPipe) id: number, @Body() dto: ProductRequestDto): Promise<ProductResponseDto> {
    return ProductResponseDto.from(await this.products.update(id, dto));
  }

  /** Any subset of the fields. */
  @StaffOnly()
  @Patch(':id')
  async update(@Param('id', ParseIdPipe) id: number, @Body() dto: PartialProductRequestDto): Promise<ProductResponseDto> {
    return ProductResponseDto.from(await this.products.update(id, dto));
  }

  /** The product also leaves every cart. */
  @StaffOnly()
  @Delete(':id')
  @HttpCode(204)
  async delete(@Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.products.delete(id);
  }
}

function cursorPage(request: FastifyRequest, ordering: ProductOrdering, slice: ProductSlice): ProductCursorPageDto {
  const link = (cursor: ProductCursor | null) =>
    cursor ? absoluteUrl(request, { cursor: encodeCursor(ordering, cursor), mode: null, page: null }) : null;
  return { next: link(slice.next), previous: link(slice.previous), results: slice.products.map(ProductResponseDto.from) };
}

import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiNoContentResponse, ApiOkResponse, ApiQuery, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../common/auth/public.decorator.js';
import { StaffOnly } from '../common/auth/staff-only.guard.js';
import { WithETag } from '../common/http/with-etag.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { ApiErrorResponse } from '../common/openapi/error-responses.js';
import { ApiPageQuery, pageSchema } from '../common/openapi/pagination.js';
import { absoluteUrl, buildPage, DEFAULT_PAGE_SIZE, Page, pageRequest, urlFor } from '../common/pagination/pagination.js';
import { Msg } from '../common/validation/drf-messages.js';
import { InvalidCategoryFilter, UnknownCategory } from './catalog.errors.js';
import { InvalidCursor } from '../common/pagination/cursor.js';
import { ProductListQueryDto } from './dto/product-list-query.dto.js';
import { PartialProductRequestDto, ProductRequestDto } from './dto/product-requests.dto.js';
import { ProductCursorPageDto, ProductResponseDto } from './dto/product-response.dto.js';
import { decodeCursor, encodeCursor, ProductCursor } from './product-cursor.js';
import { DEFAULT_ORDERING, INVALID_ORDERING, ORDERING_FIELDS, parseOrdering, ProductOrdering } from './product-ordering.js';
import { orderingPattern } from '../common/pagination/ordering.js';
import { ProductFilters, ProductSlice, ProductsService } from './products.service.js';
import { MAX_INT4 } from '../common/ids.js';


const FIELD_ERRORS = {
  examples: {
    category: { summary: 'No such category', value: new UnknownCategory(99).body() },
    price: { summary: 'Too many decimals', value: { price: [Msg.maxDecimalPlaces(2)] } },
    stock: { summary: 'Negative stock', value: { stock: [Msg.minValue(0)] } },
  },
};

/**
 * Anyone reads the products; only staff change them. Security and the common error
 * responses in the OpenAPI document follow from @Public, @StaffOnly and the routes.
 */
@ApiTags('catalog')
@ApiExtraModels(ProductResponseDto, ProductCursorPageDto)
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  /** Filtered and ordered, a page at a time (`?page=`) or by cursor (`?mode=cursor`). */
  @Public()
  @Get()
  @ApiPageQuery({ cursorMode: true })
  @ApiQuery({
    name: 'category',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: MAX_INT4, example: 1 },
    description: 'Only products of this category id; one that names no category → 400.',
  })
  @ApiQuery({ name: 'min_price', required: false, schema: { type: 'string', format: 'decimal', example: '10.00' }, description: 'Price at least this.' })
  @ApiQuery({ name: 'max_price', required: false, schema: { type: 'string', format: 'decimal', example: '699.00' }, description: 'Price at most this.' })
  @ApiQuery({ name: 'in_stock', required: false, type: Boolean, description: '`true`: stock > 0; `false`: stock = 0.' })
  @ApiQuery({ name: 'search', required: false, type: String, description: 'Case-insensitive substring of the name.' })
  @ApiQuery({
    name: 'ordering',
    required: false,
    schema: { type: 'string', pattern: orderingPattern(ORDERING_FIELDS), example: '-price,name' },
    description:
      'Sort fields, comma-separated as DRF\'s OrderingFilter takes them: `id`, `name`, `price`, `stock`, each optionally ' +
      'prefixed with `-` for descending (default `id`). Remaining ties are broken by id, in the direction of the last field. ' +
      'An unknown field → 400 (DRF would ignore it). Cursor mode works with any of them.',
  })
  @ApiQuery({
    name: 'mode',
    required: false,
    enum: ['cursor'],
    description:
      '`cursor` starts cursor (keyset) paging: the response is `{next, previous, results}` without `count`, and ' +
      'following `next`/`previous` costs the same at any depth. Use it to scroll deep into large listings. ' +
      '`page_size` applies in cursor mode too; `page` does not.',
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
      anyOf: [pageSchema(ProductResponseDto), { $ref: getSchemaPath(ProductCursorPageDto) }],
    },
  })
  @ApiErrorResponse(400, {
    examples: {
      category: { summary: 'No such category', value: new InvalidCategoryFilter().body() },
      ordering: { summary: 'Unknown ordering', value: { ordering: [INVALID_ORDERING] } },
      cursor: { summary: 'Cursor from other parameters', value: new InvalidCursor().body() },
    },
  })
  @WithETag()
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
    const page = pageRequest(query, { cursorMode: true });
    const { count, products } = await this.products.listPage(filters, ordering, page);
    return buildPage(request, page, count, products.map(ProductResponseDto.from));
  }

  /** Creates a product; the `Location` header names it. */
  @StaffOnly()
  @Post()
  @ApiCreatedResponse({
    type: ProductResponseDto,
    description: 'The new product.',
    headers: {
      Location: {
        description: 'Absolute URL of the new product.',
        required: true,
        schema: { type: 'string', format: 'uri', example: 'https://api.example.com/products/1/' },
      },
    },
  })
  @ApiErrorResponse(400, FIELD_ERRORS)
  async create(
    @Body() dto: ProductRequestDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProductResponseDto> {
    const product = ProductResponseDto.from(await this.products.create(dto));
    reply.header('Location', urlFor(request, `/products/${product.id}/`));
    return product;
  }

  /** A product. */
  @Public()
  @Get(':id')
  @ApiOkResponse({ type: ProductResponseDto })
  @WithETag()
  async get(@Param('id', ParseIdPipe) id: number): Promise<ProductResponseDto> {
    return ProductResponseDto.from(await this.products.get(id));
  }

  /** Replaces a product: every field required. */
  @StaffOnly()
  @Put(':id')
  @ApiOkResponse({ type: ProductResponseDto })
  @ApiErrorResponse(400, FIELD_ERRORS)
  async replace(@Param('id', ParseIdPipe) id: number, @Body() dto: ProductRequestDto): Promise<ProductResponseDto> {
    return ProductResponseDto.from(await this.products.update(id, dto));
  }

  /** Changes a product: any subset of the fields. */
  @StaffOnly()
  @Patch(':id')
  @ApiOkResponse({ type: ProductResponseDto })
  @ApiErrorResponse(400, FIELD_ERRORS)
  async update(@Param('id', ParseIdPipe) id: number, @Body() dto: PartialProductRequestDto): Promise<ProductResponseDto> {
    return ProductResponseDto.from(await this.products.update(id, dto));
  }

  /** Deletes a product; it also leaves every cart. */
  @StaffOnly()
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The product is gone, from the catalogue and from every cart.' })
  async delete(@Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.products.delete(id);
  }
}

function cursorPage(request: FastifyRequest, ordering: ProductOrdering, slice: ProductSlice): ProductCursorPageDto {
  const link = (cursor: ProductCursor | null) =>
    cursor ? absoluteUrl(request, { cursor: encodeCursor(ordering, cursor), mode: null, page: null }) : null;
  return { next: link(slice.next), previous: link(slice.previous), results: slice.products.map(ProductResponseDto.from) };
}

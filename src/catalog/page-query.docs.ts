import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';

/** OpenAPI entries for `?page=&page_size=` (PageQueryDto's fields are not picked up on their own). */
export const ApiPageQueries = () =>
  applyDecorators(
    ApiQuery({ name: 'page', required: false, type: Number, description: '1-based page number (default 1); past the end → 404 "Invalid page.".' }),
    ApiQuery({ name: 'page_size', required: false, type: Number, description: 'Results per page, 1–100 (default 20).' }),
  );

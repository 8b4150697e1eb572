import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiQuery, getSchemaPath } from '@nestjs/swagger';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_DEPTH, MAX_PAGE_SIZE } from '../pagination/pagination.js';

/**
 * `?page=&page_size=`. PageQueryDto lives outside a *.dto.ts file, so the swagger plugin
 * does not describe it: lists declare the two parameters with this.
 */
export const ApiPageQuery = (options: { cursorMode?: boolean } = {}) =>
  applyDecorators(
    ApiQuery({
      name: 'page',
      required: false,
      schema: { type: 'integer', minimum: 1, default: 1 },
      description:
        '1-based page number. One that is not a positive integer or lies past the end → 404 `{"detail": "Invalid page."}`.' +
        (options.cursorMode
          ? ` Page-number paging reaches the first ${MAX_PAGE_DEPTH} results: a page beyond them → 400 \`{"page": [...]}\`; ` +
            'scroll deeper in cursor mode (`mode=cursor`), which costs the same at any depth.'
          : ''),
    }),
    ApiQuery({
      name: 'page_size',
      required: false,
      schema: { type: 'integer', default: DEFAULT_PAGE_SIZE, example: DEFAULT_PAGE_SIZE },
      description:
        `Results per page (default ${DEFAULT_PAGE_SIZE}). As in DRF, a larger value than ${MAX_PAGE_SIZE} is capped at ${MAX_PAGE_SIZE}, ` +
        `and one that is not a positive integer is ignored (the default applies): never a 400.`,
    }),
  );

/** DRF's PageNumberPagination body around `model`, plus the page parameters. */
export function ApiPaginatedResponse(model: Type<unknown>, description: string) {
  return applyDecorators(
    ApiExtraModels(model),
    ApiPageQuery(),
    ApiOkResponse({
      description,
      schema: pageSchema(model),
    }),
  );
}

/** The schema of a DRF page (`{count, next, previous, results}`) of `model`. */
export function pageSchema(model: Type<unknown>) {
  return {
    type: 'object' as const,
    required: ['count', 'next', 'previous', 'results'],
    properties: {
      count: { type: 'integer' as const, description: 'Results on every page together.', example: 42 },
      next: { type: 'string' as const, format: 'uri', nullable: true, description: 'Absolute URL of the next page, or null.' },
      previous: { type: 'string' as const, format: 'uri', nullable: true, description: 'Absolute URL of the previous page, or null.' },
      results: { type: 'array' as const, items: { $ref: getSchemaPath(model) } },
    },
  };
}

import { applyDecorators, Header } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

export const NO_STORE = 'no-store';

/**
 * `Cache-Control: no-store` on a route's success response, and documented: for answers that
 * carry tokens or personal data, which neither a shared cache nor the browser's disk cache (or
 * its back button, after a logout) may keep. Errors carry neither.
 *
 * Put it below the route's success response decorator (`@ApiOkResponse`, …), as WithETag: the
 * entries for one status merge, and this one's unset `type` must not replace the route's.
 */
export const NoStore = (status = 200) =>
  applyDecorators(
    Header('Cache-Control', NO_STORE),
    ApiResponse({
      status,
      headers: {
        'Cache-Control': {
          description: 'Tokens or personal data: no cache may keep this answer.',
          required: true,
          schema: { type: 'string', example: NO_STORE },
        },
      },
    }),
  );

import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../common/auth/public.decorator.js';
import { Environment } from '../config/environment.js';
import { urlFor } from '../common/pagination/pagination.js';
import { APP_INFO } from './app-info.js';
import { HomeResponseDto } from './dto/home-response.dto.js';
import { homePage } from './home-page.js';

const DESCRIPTION =
  'E-commerce REST API (accounts, catalogue, cart, orders), wire-compatible with Django REST Framework + Djoser + simplejwt.';

/** The quality a client's Accept header gives `type` (exact match only; absent = 0). */
function quality(accept: string, type: string): number {
  for (const part of accept.split(',')) {
    const [range, ...parameters] = part.trim().split(';');
    if (range.trim().toLowerCase() !== type) continue;
    const q = parameters.map((parameter) => parameter.trim()).find((parameter) => parameter.startsWith('q='));
    return q ? Number(q.slice(2)) || 0 : 1;
  }
  return 0;
}

/** HTML only for a client that asks for it at least as much as for JSON (a browser); JSON otherwise. */
const wantsHtml = (accept: string | undefined) => !!accept && quality(accept, 'text/html') > 0 && quality(accept, 'text/html') >= quality(accept, 'application/json');

@ApiTags('health')
@Public()
@SkipThrottle()
@Controller()
export class HomeController {
  constructor(private readonly env: Environment) {}

  @Get()
  @ApiOperation({ summary: 'What this server is, and where to go next' })
  @ApiExtraModels(HomeResponseDto)
  @ApiOkResponse({
    description: 'JSON by default; a small HTML page for `Accept: text/html` (a browser).',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(HomeResponseDto) } },
      'text/html': { schema: { type: 'string' } },
    },
  })
  index(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): HomeResponseDto | string {
    const home: HomeResponseDto = {
      ...APP_INFO,
      description: DESCRIPTION,
      links: {
        ...(this.env.API_DOCS && { docs: urlFor(request, '/docs'), openapi: urlFor(request, '/docs/openapi.json') }),
        health_live: urlFor(request, '/health/live'),
        health_ready: urlFor(request, '/health/ready'),
        admin: urlFor(request, '/admin/'),
      },
    };
    reply.header('vary', 'Accept');
    if (!wantsHtml(request.headers.accept)) return home;
    reply.type('text/html; charset=utf-8');
    return homePage(home);
  }
}

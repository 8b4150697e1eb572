import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HomeLinksDto {
  /** Swagger UI: every operation, to read and to try (absent when API_DOCS=false). */
  @ApiPropertyOptional({ example: 'http://localhost:8000/docs' })
  docs?: string;

  /** The OpenAPI 3 document the SDK is generated from (absent when API_DOCS=false). */
  @ApiPropertyOptional({ example: 'http://localhost:8000/docs/openapi.json' })
  openapi?: string;

  /** Liveness: the process serves HTTP. */
  @ApiProperty({ example: 'http://localhost:8000/health/live' })
  health_live: string;

  /** Readiness: the database answers and every migration is applied. */
  @ApiProperty({ example: 'http://localhost:8000/health/ready' })
  health_ready: string;

  /** The staff console (503 naming the build command until it is built). */
  @ApiProperty({ example: 'http://localhost:8000/admin/' })
  admin: string;
}

export class HomeResponseDto {
  @ApiProperty({ example: 'Storedeal' })
  name: string;

  @ApiProperty({ example: '0.1.0' })
  version: string;

  @ApiProperty({ example: 'E-commerce REST API (accounts, catalogue, cart, orders), wire-compatible with Django REST Framework + Djoser + simplejwt.' })
  description: string;

  links: HomeLinksDto;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const REFRESH_EXAMPLE = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0b2tlbl90eXBlIjoicmVmcmVzaCJ9.signature';
const ACCESS_EXAMPLE = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0b2tlbl90eXBlIjoiYWNjZXNzIn0.signature';

export class TokenPairResponseDto {
  /** Lives 1 day unless configured; exchanges for access tokens at jwt/refresh/. */
  @ApiProperty({ example: REFRESH_EXAMPLE })
  refresh: string;

  /** Lives 5 minutes unless configured; send it as `Authorization: Bearer <access>`. */
  @ApiProperty({ example: ACCESS_EXAMPLE })
  access: string;
}

export class AccessTokenResponseDto {
  @ApiProperty({ example: ACCESS_EXAMPLE })
  access: string;

  /** Present only when JWT_ROTATE_REFRESH_TOKENS is on (the old refresh token is then blacklisted). */
  @ApiPropertyOptional({ example: REFRESH_EXAMPLE })
  refresh?: string;
}

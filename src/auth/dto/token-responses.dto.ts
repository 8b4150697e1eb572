export class TokenPairResponseDto {
  refresh: string;
  access: string;
}

export class AccessTokenResponseDto {
  access: string;
  /** Present only when JWT_ROTATE_REFRESH_TOKENS is on. */
  refresh?: string;
}

import { ApiProperty } from '@nestjs/swagger';
import { StringField } from '../../common/validation/drf-fields.js';

/** POST /auth/jwt/create/ (simplejwt's TokenObtainPairSerializer). */
export class LoginDto {
  @ApiProperty({ example: 'alice' })
  @StringField()
  username: string;

  @ApiProperty({ format: 'password', example: 'Velvet-Harbour-93' })
  @StringField()
  password: string;
}

/** POST /auth/jwt/refresh/ and /auth/jwt/blacklist/. */
export class RefreshDto {
  /** A refresh token from jwt/create/ (or jwt/refresh/ with rotation on). */
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0b2tlbl90eXBlIjoicmVmcmVzaCJ9.signature' })
  @StringField()
  refresh: string;
}

/** POST /auth/jwt/verify/. */
export class VerifyDto {
  /** An access or a refresh token. */
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0b2tlbl90eXBlIjoiYWNjZXNzIn0.signature' })
  @StringField()
  token: string;
}

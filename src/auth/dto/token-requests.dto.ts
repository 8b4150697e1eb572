import { ApiProperty } from '@nestjs/swagger';
import { StringField } from '../../common/validation/drf-fields.js';

// DRF's CharField runs ProhibitNullCharactersValidator; PostgreSQL cannot even compare a
// string holding U+0000, so without this a NUL in the username was a 500.
const prohibitNullCharacters = (value: string) => (value.includes('\u0000') ? 'Null characters are not allowed.' : null);

/** POST /auth/jwt/create/ (simplejwt's TokenObtainPairSerializer). */
export class LoginDto {
  @ApiProperty({ example: 'alice' })
  @StringField({ validate: prohibitNullCharacters })
  username: string;

  @ApiProperty({ format: 'password', example: 'Velvet-Harbour-93' })
  @StringField({ validate: prohibitNullCharacters })
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

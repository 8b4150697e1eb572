import { StringField } from '../../common/validation/drf-fields.js';

/** POST /auth/jwt/create/ (simplejwt's TokenObtainPairSerializer). */
export class LoginDto {
  @StringField()
  username: string;

  @StringField()
  password: string;
}

/** POST /auth/jwt/refresh/ and /auth/jwt/blacklist/. */
export class RefreshDto {
  @StringField()
  refresh: string;
}

/** POST /auth/jwt/verify/. */
export class VerifyDto {
  @StringField()
  token: string;
}

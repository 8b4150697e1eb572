import { createSecretKey, KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Environment } from './environment.js';
import { resolveJwtSecret } from './jwt-secret.js';

/** The HS256 signing key, resolved once (JWT_SECRET, or the development secret in DATA_DIR). */
@Injectable()
export class AuthSecret {
  readonly value: string;
  /** The same key as a KeyObject, made once rather than on every HMAC. */
  readonly key: KeyObject;

  constructor(env: Environment) {
    this.value = resolveJwtSecret(env);
    this.key = createSecretKey(Buffer.from(this.value, 'utf8'));
  }
}

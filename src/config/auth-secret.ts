import { createSecretKey, KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Environment } from './environment.js';
import { resolveJwtSecret } from './jwt-secret.js';

/** The HS256 signing key, resolved once (JWT_SECRET, or the development secret in DATA_DIR). */
@Injectable()
export class AuthSecret {
  readonly value: string;
  /**
   * The same key as a KeyObject. jsonwebtoken turns a string secret into a key on every
   * sign and verify, first trying (and failing) to parse it as a public key; that was 13%
   * of the CPU of authenticated requests in a profile.
   */
  readonly key: KeyObject;

  constructor(env: Environment) {
    this.value = resolveJwtSecret(env);
    this.key = createSecretKey(Buffer.from(this.value, 'utf8'));
  }
}

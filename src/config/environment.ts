import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Max,
  Min,
  MinLength,
  ValidateBy,
  ValidationOptions,
  validateSync,
} from 'class-validator';
import { allowedHostPatterns } from '../common/http/allowed-hosts.js';
import { trustProxyOption } from '../common/http/trust-proxy.js';

const toBoolean = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const normalized = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(normalized)) return true;
  if (['false', '0', 'no', 'off', ''].includes(normalized)) return false;
  return value;
};

/** A string setting that `isValid` accepts. */
const Satisfies = (isValid: (value: string) => boolean, options: ValidationOptions) =>
  ValidateBy({ name: 'setting', validator: { validate: (value: unknown) => typeof value === 'string' && isValid(value) } }, options);

/**
 * A URL of one of `schemes` with a host: what REDIS_URL's and SMTP_URL's clients can use. Checked
 * here because they do not say it safely: nodemailer quotes a value it cannot use back in its
 * error, ioredis takes one for a host name and logs it on every retry.
 */
function isServiceUrl(value: string, schemes: string[]): boolean {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  return url !== undefined && schemes.includes(url.protocol) && url.hostname !== '';
}

/** Every setting the app reads, with its default. `.env.example` and the README list the same. */
export class Environment {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsString()
  HOST = '0.0.0.0';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 8000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  WORKERS = 1;

  @IsOptional()
  @IsString()
  DATABASE_URL?: string;

  @IsString()
  DATA_DIR = './data';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  DB_POOL_SIZE = 10;

  @Transform(toBoolean)
  @IsBoolean()
  MIGRATIONS_RUN = true;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters long' })
  JWT_SECRET?: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  JWT_ACCESS_LIFETIME = 300;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  JWT_REFRESH_LIFETIME = 86400;

  @Transform(toBoolean)
  @IsBoolean()
  JWT_ROTATE_REFRESH_TOKENS = false;

  @IsString()
  CORS_ORIGINS = '';

  /** `false`, a hop count (`true` = 1) or the proxies' addresses: see trustProxyOption. */
  @Satisfies((value) => trustProxyOption(value) !== null, {
    message: 'TRUST_PROXY must be false, a number of proxy hops (true = 1), or comma-separated proxy addresses / CIDR ranges (loopback, 10.0.0.0/8)',
  })
  TRUST_PROXY = 'false';

  /** Host names this server answers to (Django's ALLOWED_HOSTS): `.example.com` includes subdomains, `*` any. */
  @Satisfies((value) => allowedHostPatterns(value).length > 0, {
    message: 'ALLOWED_HOSTS must name at least one host, e.g. shop.example.com,.example.com (or * for any)',
  })
  ALLOWED_HOSTS = '.localhost,127.0.0.1,[::1]';

  /** Seconds a client has to send a whole request (headers and body), and that an idle keep-alive connection stays open. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  HTTP_TIMEOUT = 15;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  HTTP_KEEP_ALIVE_TIMEOUT = 15;

  /** Open connections per process; more are closed as they arrive. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  MAX_CONNECTIONS = 1000;

  @Type(() => Number)
  @IsInt()
  @Min(1024)
  BODY_LIMIT = 1048576;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_FAILURE_LIMIT = 10;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_FAILURE_WINDOW = 900;

  /** Failed logins from one address, any usernames; unset = 10 × LOGIN_FAILURE_LIMIT. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_ADDRESS_FAILURE_LIMIT?: number;

  /** Failed logins for one username, any addresses; unset = 10 × LOGIN_FAILURE_LIMIT. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_USER_FAILURE_LIMIT?: number;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  SENSITIVE_RATE_LIMIT = 300;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  SENSITIVE_RATE_WINDOW = 3600;

  // ioredis also connects to a Unix socket given by its path.
  @IsOptional()
  @Satisfies((value) => value.startsWith('/') || isServiceUrl(value, ['redis:', 'rediss:']), {
    message: 'REDIS_URL must be a URL like redis://:password@127.0.0.1:6379/0 (redis:// or rediss://, or a Unix socket path)',
  })
  REDIS_URL?: string;

  @IsOptional()
  @Satisfies((value) => isServiceUrl(value, ['smtp:', 'smtps:']), {
    message: 'SMTP_URL must be a URL like smtp://user:password@smtp.example.com:587 (smtp:// or smtps://)',
  })
  SMTP_URL?: string;

  @IsString()
  DEFAULT_FROM_EMAIL = 'webmaster@localhost';

  @IsString()
  FRONTEND_URL = 'http://localhost:3000';

  @Transform(toBoolean)
  @IsBoolean()
  SEND_ACTIVATION_EMAIL = false;

  /**
   * After `import-django`, with JWT_SECRET set to the Django deployment's SECRET_KEY: refresh
   * tokens the Django Storedeal issued before this time (ISO-8601, the import's) are accepted.
   */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'DJANGO_TOKENS_ISSUED_BEFORE must be an ISO-8601 time, e.g. 2026-12-02T10:00:00Z' })
  DJANGO_TOKENS_ISSUED_BEFORE?: string;

  /** Read only by `cli createsuperuser --no-input`. */
  @IsOptional()
  @IsString()
  SUPERUSER_PASSWORD?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Swagger UI at /docs and the document at /docs/openapi.json; false answers both 404. */
  @Transform(toBoolean)
  @IsBoolean()
  API_DOCS = true;
}

/** Settings whose values never appear in a message: secrets, and URLs that may carry a password. */
const SECRET_SETTINGS = new Set(['JWT_SECRET', 'SUPERUSER_PASSWORD', 'DATABASE_URL', 'REDIS_URL', 'SMTP_URL']);

function shown(name: string, value: unknown): string {
  if (!SECRET_SETTINGS.has(name)) return JSON.stringify(value);
  return `(${typeof value === 'string' ? `${value.length} characters` : typeof value}, not shown)`;
}

/** Validates raw environment variables; throws one message naming every bad variable (a secret's value is never shown). */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const present = Object.fromEntries(
    Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''),
  );
  const env = plainToInstance(Environment, present, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    const lines = errors.map(
      (error) =>
        `  ${error.property}=${shown(error.property, present[error.property])}: ${Object.values(error.constraints ?? {}).join('; ')}`,
    );
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
    throw new Error('Invalid configuration:\n  JWT_SECRET is required when NODE_ENV=production');
  }
  return env;
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import { createApp } from '../../src/app.factory.js';
import { loadEnvironment } from '../../src/config/config.js';
import { Environment } from '../../src/config/environment.js';
import { DatabaseHandle, openDatabase } from '../../src/database/database.js';
import { createLogger } from '../../src/logging.js';
import { createFreshDatabase } from './fresh-database.js';
import { assertDocumented } from './openapi-responses.js';

export interface TestResponse {
  status: number;
  headers: Record<string, string | number | string[] | undefined>;
  body: any;
  text: string;
}

export interface StartOptions {
  /** Put something (a proxy) between the app and the database. */
  connectThrough?: (databaseUrl: string) => Promise<string>;
  /**
   * On a PostgreSQL server (DATABASE_URL), use a database of its own, dropped at close, so
   * no other test file's writes are visible. In-memory PGlite is always private.
   */
  freshDatabase?: boolean;
  /** Where the app's log lines go instead of stdout (set LOG_LEVEL too: tests default to silent). */
  logDestination?: DestinationStream;
  /** A second instance on the same database as this one (give both the same JWT_SECRET). */
  shareDatabaseWith?: TestApp;
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
  /** Sent as-is (for malformed JSON and other raw payloads). */
  raw?: string;
  /** The client's address as the app sees it without a trusted proxy (127.0.0.1 otherwise). */
  remoteAddress?: string;
}

/**
 * The real application (AppModule, global pipe/filter/guard, real migrations) on in-memory
 * PGlite, or on the PostgreSQL server in DATABASE_URL when it is set.
 */
export class TestApp {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly env: Environment,
    readonly dataDir: string,
    private readonly database: DatabaseHandle,
  ) {}

  /** `overrides` are settings for this app only, on top of the process environment (which stays as it is). */
  static async start(overrides: Record<string, string> = {}, options: StartOptions = {}): Promise<TestApp> {
    const dataDir = mkdtempSync(join(tmpdir(), 'storedeal-test-'));
    let database: DatabaseHandle | undefined;
    try {
      const env = loadEnvironment({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, ...overrides });
      if (options.shareDatabaseWith) {
        database = { url: options.shareDatabaseWith.databaseUrl, embedded: false, close: async () => undefined };
      } else {
        database = await openDatabase(env, { inMemory: true });
        if (options.freshDatabase && env.DATABASE_URL) database = await createFreshDatabase(env.DATABASE_URL);
      }
      const url = options.connectThrough ? await options.connectThrough(database.url) : database.url;
      return new TestApp(await createApp(env, url, createLogger(env, options.logDestination)), env, dataDir, database);
    } catch (error) {
      await database?.close();
      throw error;
    }
  }

  get databaseUrl(): string {
    return this.database.url;
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.database.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  async request(method: string, url: string, body?: unknown, options: RequestOptions = {}): Promise<TestResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let payload: string | undefined = options.raw;
    if (payload === undefined && body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    const response = await this.app.inject({ method: method as 'GET', url, headers, payload, remoteAddress: options.remoteAddress });
    // Every response of every e2e test must be one openapi.json describes (see openapi-responses.ts).
    await assertDocumented({ method, url, status: response.statusCode, headers: response.headers, text: response.body });
    let parsed: unknown = undefined;
    if (response.body.length > 0 && String(response.headers['content-type'] ?? '').includes('json')) {
      parsed = JSON.parse(response.body);
    }
    return { status: response.statusCode, headers: response.headers, body: parsed, text: response.body };
  }

  get = (url: string, options?: RequestOptions) => this.request('GET', url, undefined, options);
  post = (url: string, body?: unknown, options?: RequestOptions) => this.request('POST', url, body, options);
  put = (url: string, body?: unknown, options?: RequestOptions) => this.request('PUT', url, body, options);
  patch = (url: string, body?: unknown, options?: RequestOptions) => this.request('PATCH', url, body, options);
  delete = (url: string, body?: unknown, options?: RequestOptions) => this.request('DELETE', url, body, options);
}

import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import pino from 'pino';
import pretty from 'pino-pretty';
import { Environment } from './config/environment.js';

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

let bufferedStdout: ReturnType<typeof pino.destination> | undefined;
let prettyStdout: pino.DestinationStream | undefined;

/** Writes out buffered log lines; called before the process exits. */
export function flushLogs(): void {
  bufferedStdout?.flushSync();
}

/**
 * The process's logger: Fastify logs requests through it, Nest's Logger writes to it (see
 * NestLogger). JSON lines; one readable line each in development. `destination` replaces
 * stdout (tests read the lines from it).
 */
export function createLogger(env: Environment, destination?: pino.DestinationStream): pino.Logger {
  const options: pino.LoggerOptions = { level: env.LOG_LEVEL, serializers: { err: serializeError } };
  if (destination) return pino(options, destination);
  if (env.NODE_ENV === 'development') return pino(options, (prettyStdout ??= developmentStream()));
  // Buffered, asynchronous writes: one write(2) per 4 KiB of lines instead of one per line
  // (synchronous stdout writes were 13% of a request's CPU in a profile). The periodic flush
  // keeps a quiet server's lines from waiting for the next 4 KiB.
  bufferedStdout ??= pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 1000 });
  return pino(options, bufferedStdout);
}

const REQUEST_FIELDS = ['reqId', 'method', 'path', 'status', 'ms', 'userId'];

function developmentStream(): pino.DestinationStream {
  return pretty({
    sync: true,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: ['pid', 'hostname', 'context', ...REQUEST_FIELDS].join(','),
    messageFormat: (log, messageKey) => {
      if (log.status === undefined) return `${log.context ? `[${String(log.context)}] ` : ''}${String(log[messageKey] ?? '')}`;
      const user = log.userId === undefined ? '' : ` user ${String(log.userId)}`;
      return `${String(log.method)} ${String(log.path)} ${String(log.status)} ${String(log.ms)} ms${user} (${String(log.reqId)})`;
    },
  });
}

/**
 * An error's type, message, code and stack, not its other properties: TypeORM's query errors
 * carry the statement's parameters, which hold users' data.
 */
function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code } = error as { code?: unknown };
  return { type: error.constructor.name, message: error.message, ...(code === undefined ? {} : { code }), stack: error.stack };
}

const SANE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Fastify's genReqId: the caller's X-Request-Id when it is a plain token, else a new UUID. */
export function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

/** Errors of requests still in flight, for their line (see NestLogger). */
const requestErrors = new WeakMap<FastifyRequest, unknown>();

/**
 * Fastify's request logging, replaced: one line per request once its response is sent,
 * instead of an "incoming" and a "completed" line with the request's and response's details.
 */
export class RequestLog extends LogController {
  override incomingRequest(request: FastifyRequest, reply: FastifyReply): void {
    // Fastify calls this for every request before any hook, also for those its router rejects
    // (a malformed URL), so every response carries the id its line has.
    reply.header('X-Request-Id', request.id);
  }

  // Fastify's own error handler answers only what its router rejects (a malformed URL, an
  // over-long parameter; Nest handles every other error), and those requests never reach
  // requestCompleted by themselves.
  override defaultErrorLog(_error: Error, request: FastifyRequest, reply: FastifyReply): void {
    reply.raw.once('finish', () => this.requestCompleted(null, request, reply));
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const status = reply.statusCode;
    const url = request.url;
    const query = url.indexOf('?');
    const line = {
      method: request.method,
      // Without the query string: a path groups requests, and query strings can hold secrets.
      path: query === -1 ? url : url.slice(0, query),
      status,
      ms: Math.round(reply.elapsedTime * 100) / 100,
      userId: (request as { user?: { id?: unknown } }).user?.id,
    };
    if (status >= 500 || error) {
      reply.log.error({ ...line, err: error ?? requestErrors.get(request) }, 'request failed');
    } else {
      reply.log.info(line, 'request completed');
    }
  }
}

// Nest's start-up narrative (each module loaded, each route mapped): for debugging.
const START_UP_CONTEXTS = new Set(['NestFactory', 'NestApplication', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

interface RequestFailure {
  err: unknown;
  reply: FastifyReply;
}

function isRequestFailure(message: unknown): message is RequestFailure {
  const reply = (message as { reply?: Partial<FastifyReply> } | null)?.reply;
  return typeof reply?.sent === 'boolean' && typeof reply.request === 'object';
}

/**
 * Nest's LoggerService on pino, so `new Logger(context)` in services, Nest's own messages and
 * the error filter write to the same lines. `error({ err, reply }, …)` puts the error on that
 * request's line instead of a line of its own.
 */
export class NestLogger implements LoggerService {
  constructor(private readonly logger: pino.Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /** Nest's convention: the last string parameter is the context; error's first is a stack. */
  private write(level: Level, message: unknown, params: unknown[]): void {
    const context = typeof params.at(-1) === 'string' ? (params.pop() as string) : undefined;
    // NestApplication's errors are listen failures: app.listen rejects with them and main.ts
    // reports them, naming the setting to change.
    if (context && START_UP_CONTEXTS.has(context) && (level === 'info' || context === 'NestApplication')) level = 'debug';
    const text = typeof params[0] === 'string' ? params[0] : undefined;
    if (isRequestFailure(message)) {
      // A reply already sent may have had its line: the error then gets one of its own.
      if (message.reply.sent) message.reply.log.error({ err: message.err }, text);
      else requestErrors.set(message.reply.request, message.err);
      return;
    }
    if (!this.logger.isLevelEnabled(level)) return;
    if (message instanceof Error) {
      this.logger[level]({ context, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level]({ context, ...message }, text);
    } else {
      this.logger[level]({ context, ...(level === 'error' && text ? { stack: text } : {}) }, String(message));
    }
  }
}

import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import pino from 'pino';
import type { Options } from 'pino-http';
import { Environment } from './config/environment.js';

let destination: pino.DestinationStream & { flushSync?: () => void } | undefined;

/** Writes out buffered log lines; called before the process exits. */
export function flushLogs(): void {
  destination?.flushSync?.();
}

/** One JSON line per request with a request id (pretty-printed in development). */
export function loggerParams(env: Environment): Params {
  const options: Options = {
    level: env.LOG_LEVEL,
    genReqId: (request: IncomingMessage) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    redact: ['req.headers.authorization', 'req.headers.cookie'],
  };
  if (env.NODE_ENV === 'development') {
    return { pinoHttp: { ...options, transport: { target: 'pino-pretty', options: { singleLine: true } } } };
  }
  // Buffered, asynchronous writes: one write(2) per 4 KiB of log lines instead of one per
  // line (synchronous stdout writes were 13% of a request's CPU in a profile).
  destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  return { pinoHttp: [options, destination] };
}

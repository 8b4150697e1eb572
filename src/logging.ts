import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import { Environment } from './config/environment.js';

/** One JSON line per request with a request id (pretty-printed in development). */
export function loggerParams(env: Environment): Params {
  return {
    pinoHttp: {
      level: env.LOG_LEVEL,
      genReqId: (request: IncomingMessage) => {
        const given = request.headers['x-request-id'];
        return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
      },
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      transport: env.NODE_ENV === 'development' ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
    },
  };
}

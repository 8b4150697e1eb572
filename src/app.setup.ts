import type { FastifyCorsOptions } from '@fastify/cors';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { Environment } from './config/environment.js';
import { registerHostCheck } from './common/http/allowed-hosts.js';
import { registerBodyParsers } from './common/http/body-parsers.js';
import { RouteMethods } from './common/http/route-methods.js';
import { trustProxyOption } from './common/http/trust-proxy.js';
import { registerETags } from './common/http/with-etag.js';
import { RequestLog, requestId } from './logging.js';

/** Django's QueryDict.get, as DRF's filters read it: a repeated query parameter counts by its last value. */
function lastValueQuery(query: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(query));
}

/** The Fastify adapter with the options production and tests share. */
export function createAdapter(env: Environment, logger: Logger): FastifyAdapter {
  const timeoutMs = env.HTTP_TIMEOUT * 1000;
  return new FastifyAdapter({
    bodyLimit: env.BODY_LIMIT,
    trustProxy: trustProxyOption(env.TRUST_PROXY) ?? false,
    // A client that dribbles its headers or body, or keeps a connection idle, holds a socket
    // for at most these; Node checks them every second instead of every 30 s.
    requestTimeout: timeoutMs,
    keepAliveTimeout: env.HTTP_KEEP_ALIVE_TIMEOUT * 1000,
    http: { headersTimeout: timeoutMs, connectionsCheckingInterval: 1000 },
    routerOptions: { ignoreTrailingSlash: true, querystringParser: lastValueQuery },
    loggerInstance: logger,
    logController: new RequestLog(),
    genReqId: requestId,
  });
}

/** HTTP-level setup that must happen before routes are registered (app.init / listen). */
export function configureHttp(app: NestFastifyApplication, env: Environment): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.server.maxConnections = env.MAX_CONNECTIONS;
  RouteMethods.attach(fastify);
  registerBodyParsers(fastify, env.BODY_LIMIT);
  registerETags(fastify);
  const headers = securityHeaders();
  fastify.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  registerHostCheck(fastify, env.ALLOWED_HOSTS);
  const origins = env.CORS_ORIGINS.split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  if (origins.length > 0) {
    const cors: FastifyCorsOptions = {
      origin: origins.includes('*') ? true : origins,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      allowedHeaders: ['Authorization', 'Content-Type', 'If-None-Match'],
      exposedHeaders: ['ETag', 'Location', 'Retry-After'],
      maxAge: 600,
    };
    // Only a real preflight (Origin and Access-Control-Request-Method) gets the CORS answer;
    // any other OPTIONS, with the CORS headers, goes on to DRF's (200, Allow, metadata).
    const preflight = { ...cors, preflight: true };
    const other = { ...cors, preflight: false };
    app.enableCors({
      delegator: (request, callback) =>
        callback(null, request.headers.origin && request.headers['access-control-request-method'] ? preflight : other),
    });
  }
}

/**
 * helmet's headers, worked out once: they are the same for every response, and running
 * helmet's middleware per request was 6% of a product read's CPU in a profile.
 */
function securityHeaders(): Record<string, string> {
  const middleware = helmet({
    // Swagger UI at /docs needs its inline scripts and styles; "Try it out" calls the same
    // origin (connect-src falls back to default-src 'self'). The staff console at /admin/
    // sends a stricter policy of its own.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'validator.swagger.io'],
        // Helmet's default would make browsers fetch /docs's own assets over https, so Swagger
        // UI served over plain http from anything but localhost (a LAN host, a container) stays
        // blank. Behind TLS every URL of the page is https anyway: the directive adds nothing.
        upgradeInsecureRequests: null,
      },
    },
  });
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string) => (headers[name] = value),
    removeHeader: () => undefined,
  };
  middleware({} as never, response as never, () => undefined);
  return headers;
}

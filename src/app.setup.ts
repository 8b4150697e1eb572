import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { Environment } from './config/environment.js';
import { registerBodyParsers } from './common/http/body-parsers.js';
import { RouteMethods } from './common/http/route-methods.js';
import { RequestLog, requestId } from './logging.js';

/** The Fastify adapter with the options production and tests share. */
export function createAdapter(env: Environment, logger: Logger): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: env.BODY_LIMIT,
    trustProxy: env.TRUST_PROXY,
    routerOptions: { ignoreTrailingSlash: true },
    loggerInstance: logger,
    logController: new RequestLog(),
    genReqId: requestId,
  });
}

/** HTTP-level setup that must happen before routes are registered (app.init / listen). */
export function configureHttp(app: NestFastifyApplication, env: Environment): void {
  const fastify = app.getHttpAdapter().getInstance();
  RouteMethods.attach(fastify);
  registerBodyParsers(fastify, env.BODY_LIMIT);
  // helmet's headers, with the middleware built once: @fastify/helmet builds it again on every
  // request, which was 6% of a product read's CPU in a profile.
  const securityHeaders = helmet({
    // Swagger UI at /docs needs its inline scripts and styles; "Try it out" calls the same
    // origin (connect-src falls back to default-src 'self').
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
  fastify.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)),
  );
  const origins = env.CORS_ORIGINS.split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  if (origins.length > 0) {
    app.enableCors({
      origin: origins.includes('*') ? true : origins,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      allowedHeaders: ['Authorization', 'Content-Type', 'If-None-Match'],
      exposedHeaders: ['ETag', 'Location', 'Retry-After'],
      maxAge: 600,
    });
  }
}

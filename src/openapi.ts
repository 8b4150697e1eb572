import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import { Environment, validateEnvironment } from './config/environment.js';
import { finishDocument, RouteIndex } from './common/openapi/openapi-document.js';
import { APP_INFO } from './home/app-info.js';

const DESCRIPTION = `E-commerce backend, wire-compatible with the Django REST Framework + Djoser + simplejwt API it replaces.

**Authentication.** Get a token pair from \`POST /auth/jwt/create/\` and send \`Authorization: Bearer <access>\`
(\`JWT <access>\` is accepted too). When an access token expires, protected endpoints answer 401 with
\`code: "token_not_valid"\`: get a new one from \`POST /auth/jwt/refresh/\` and retry. \`POST /auth/jwt/blacklist/\` logs out.

**Errors** have DRF's shapes: \`{"<field>": ["<message>", …]}\` for invalid input (all invalid fields at once,
cross-field problems under \`non_field_errors\`), \`{"detail": "…"}\` for everything else; token problems add \`code\`
and \`messages\`. A known path called with a method it does not have answers 405 \`{"detail": "Method \\"PATCH\\" not allowed."}\`
with an \`Allow\` header; anything unexpected is 500 \`{"detail": "A server error occurred."}\`.

**Paths** end with a slash as in DRF (\`/products/\`); the same path without it works too. JSON in, JSON out.

**Lists** are paginated: \`?page=\` and \`?page_size=\` (at most 100) give \`{count, next, previous, results}\` with absolute
\`next\`/\`previous\` URLs; \`GET /products/\` also has a cursor mode for deep scrolling.`;

/** The OpenAPI document of the application's routes (served at /docs/openapi.json, written by `npm run openapi`). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Storedeal API')
    .setDescription(DESCRIPTION)
    .setVersion(APP_INFO.version)
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'The `access` token from `POST /auth/jwt/create/` or `/auth/jwt/refresh/`, sent as `Authorization: Bearer <access>`. ' +
          'The server also accepts simplejwt\'s `Authorization: JWT <access>` (OpenAPI cannot express a second prefix for the ' +
          'same scheme, so clients generated from this document send `Bearer`). Access tokens live 5 minutes unless configured.',
      },
      'jwt',
    )
    .build();
  const routes = RouteIndex.of(app);
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: routes.operationId });
  return plainSummaries(finishDocument(document, routes));
}

/**
 * Summaries come from the controllers' doc comments, which quote code in backticks. Swagger UI
 * shows a summary as plain text (only descriptions are Markdown), so the backticks go.
 */
function plainSummaries(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as Array<{ summary?: unknown }>) {
      if (typeof operation?.summary === 'string') operation.summary = operation.summary.replace(/`/g, '');
    }
  }
  return document;
}

/**
 * The document without a server or a database: Nest's preview mode builds the module graph
 * but instantiates no provider, so TypeORM never connects and nothing listens. The URL is
 * therefore never used.
 */
export async function generateOpenApiDocument(): Promise<OpenAPIObject> {
  const app = await NestFactory.create(
    AppModule.forRoot({ env: validateEnvironment({ NODE_ENV: 'test' }), databaseUrl: 'postgres://openapi-preview.invalid/unused' }),
    new FastifyAdapter(),
    { preview: true, logger: false, abortOnError: false },
  );
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

/** Swagger UI at /docs and the document at /docs/openapi.json, unless API_DOCS=false (then both are 404). */
export function setupSwagger(app: INestApplication): void {
  if (!app.get(Environment).API_DOCS) return;
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs/openapi.json',
    yamlDocumentUrl: 'docs/openapi.yaml',
    // A token pasted into "Authorize" lives only as long as the page: persisted, it would sit in
    // localStorage, where any script on the origin (and anyone at the browser later) reads it.
    swaggerOptions: { persistAuthorization: false },
  });
}

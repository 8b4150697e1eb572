import { INestApplication, RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject, OperationObject, ParameterObject, PathItemObject, ReferenceObject, ResponseObject } from '@nestjs/swagger';
import { IGNORES_CREDENTIALS, IS_PUBLIC } from '../auth/public.decorator.js';
import { MAX_INT4 } from '../ids.js';
import { ERROR_EXAMPLES, ERROR_SCHEMAS, STANDARD_ERROR_RESPONSES, standardErrorRef, STANDARD_ERRORS, ErrorStatus } from './error-responses.js';

/**
 * Turns what SwaggerModule scans into the published contract. Everything here is derived
 * from the same route metadata the application runs on, so the document cannot drift from
 * the behaviour:
 *
 * - security: a route needs the `jwt` scheme unless it is @Public (the global guard's rule),
 *   and a public one says so with `security: []`;
 * - path ids: integers from 1 to 2147483647, as ParseIdPipe takes them;
 * - the error responses every route of a kind has (401, 400/413/415 with a body, 400 with
 *   query parameters, 404 with a path id or a page number, 500 and 503 everywhere), unless the handler
 *   documents that status itself; a documented error without a body schema gets the DRF one;
 * - operation ids `<resource>_<handler>` (`users_create`, `jwt_refresh`, `cart_add`);
 * - DRF's trailing slash on every path, and a stable order of paths, operations and components.
 */

export type RouteAccess = 'protected' | 'public' | 'ignores-credentials';

export interface RouteInfo {
  controller: string;
  handler: string;
  access: RouteAccess;
}

const HTTP_METHODS = ['get', 'put', 'post', 'patch', 'delete', 'options', 'head', 'trace'] as const;
type HttpMethod = (typeof HTTP_METHODS)[number];

const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Nest's `auth/users` + `:id` → the document's `/auth/users/{id}`. */
function documentPath(controllerPath: string, handlerPath: string): string {
  const joined = [controllerPath, handlerPath]
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .map((segment) => segment.replace(/^:(\w+)$/, '{$1}'))
    .join('/');
  return `/${joined}`;
}

/** `resetPasswordConfirm` → `reset_password_confirm`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toLowerCase();
}

/** The routes of every controller in the application, by `<method> <document path>`. */
export class RouteIndex {
  private readonly routes = new Map<string, RouteInfo>();
  /** Controller class name → operation id prefix: the last segment of its path (`auth/jwt` → `jwt`). */
  private readonly prefixes = new Map<string, string>();

  static of(app: INestApplication): RouteIndex {
    const index = new RouteIndex();
    for (const module of app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) index.addController(wrapper.metatype as Type<unknown>);
    }
    return index;
  }

  private addController(controller: Type<unknown>): void {
    const controllerPaths = asArray<string>(Reflect.getMetadata(PATH_METADATA, controller));
    const lastSegment = controllerPaths[0]?.split('/').filter(Boolean).at(-1);
    this.prefixes.set(controller.name, snakeCase(lastSegment ?? controller.name.replace(/Controller$/, '')));
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = prototype[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const method: RequestMethod | undefined = Reflect.getMetadata(METHOD_METADATA, handler);
      if (method === undefined || method === RequestMethod.ALL) continue;
      const access = this.accessOf(handler, controller);
      for (const controllerPath of controllerPaths.length > 0 ? controllerPaths : ['']) {
        for (const handlerPath of asArray<string>(Reflect.getMetadata(PATH_METADATA, handler))) {
          const key = `${RequestMethod[method].toLowerCase()} ${documentPath(controllerPath, handlerPath)}`;
          this.routes.set(key, { controller: controller.name, handler: name, access });
        }
      }
    }
  }

  /** The global JWT guard's reading of the metadata (handler first, then class). */
  private accessOf(handler: unknown, controller: Type<unknown>): RouteAccess {
    const read = (key: string): boolean =>
      Boolean(Reflect.getMetadata(key, handler as object) ?? Reflect.getMetadata(key, controller));
    if (read(IGNORES_CREDENTIALS)) return 'ignores-credentials';
    return read(IS_PUBLIC) ? 'public' : 'protected';
  }

  /** For SwaggerModule's `operationIdFactory`. */
  readonly operationId = (controllerKey: string, methodKey: string): string =>
    `${this.prefixes.get(controllerKey) ?? snakeCase(controllerKey.replace(/Controller$/, ''))}_${snakeCase(methodKey)}`;

  route(method: string, path: string): RouteInfo {
    const route = this.routes.get(`${method} ${path}`);
    if (!route) throw new Error(`OpenAPI: the document has ${method.toUpperCase()} ${path}, which no controller routes`);
    return route;
  }
}

/** Tags in the order the document lists them, with what each covers. */
const TAGS: Record<string, string> = {
  auth: 'simplejwt tokens: log in, refresh, verify, log out (blacklist).',
  users: 'Djoser accounts: registration, the current user, passwords, usernames, activation.',
  catalog: 'Categories and products: anyone reads, staff write.',
  cart: "The authenticated user's own cart, at current prices.",
  orders: 'Checkout, order history, cancellation, and the staff status flow.',
  accounts: 'Staff only: every account with its flags; deactivate, reactivate, grant or revoke staff.',
  health: 'Liveness and readiness probes.',
};

const REASON: Record<string, string> = { 200: 'OK', 201: 'Created', 204: 'No Content', 304: 'Not Modified' };

const INVALID_ACCESS_TOKEN: ResponseObject = {
  description:
    'Anonymous calls are fine, but an Authorization header that is sent must hold a valid access token: a bad or expired ' +
    'one is refused (`code: "token_not_valid"`; refresh it, or call without the header).',
  content: {
    'application/json': {
      schema: { $ref: '#/components/schemas/TokenError' },
      examples: { invalid: { summary: 'Expired or invalid access token', value: ERROR_EXAMPLES.invalidAccessToken } },
    },
  },
};

const INVALID_PAGE: ResponseObject = {
  description: 'A `page` that is not a positive integer or lies past the last page.',
  content: {
    'application/json': {
      schema: { $ref: '#/components/schemas/ErrorDetail' },
      examples: { invalidPage: { summary: 'Past the last page', value: ERROR_EXAMPLES.invalidPage } },
    },
  },
};

/**
 * Where the operations are: relative to wherever the document is served from (Swagger UI at
 * /docs calls the server that serves it), and the development server of the README.
 */
const SERVERS = [
  { url: '/', description: 'The server that serves this document (/docs/openapi.json).' },
  { url: 'http://localhost:8000', description: 'Development: `npm start`.' },
];

/** Every path parameter is a row id: what ParseIdPipe accepts (anything else is a 404, as in Django). */
function describePathIds(operation: OperationObject): void {
  for (const parameter of operation.parameters ?? []) {
    if (isReference(parameter) || parameter.in !== 'path') continue;
    parameter.schema = { type: 'integer', format: 'int32', minimum: 1, maximum: MAX_INT4, example: 1 };
    parameter.description ??= 'The id; one that is not a positive integer, or names nothing you may see, answers 404.';
  }
}

const isReference = (value: unknown): value is ReferenceObject => typeof value === 'object' && value !== null && '$ref' in value;

function sortedObject<T>(entries: Record<string, T>, compare?: (a: string, b: string) => number): Record<string, T> {
  return Object.fromEntries(Object.entries(entries).sort(([a], [b]) => (compare ? compare(a, b) : a < b ? -1 : a > b ? 1 : 0)));
}

/** The error responses an operation of this kind has, unless it documents the status itself. */
function addStandardErrors(operation: OperationObject, method: HttpMethod, path: string, route: RouteInfo): void {
  const responses = operation.responses as Record<string, ResponseObject | ReferenceObject>;
  const add = (status: ErrorStatus, response: ResponseObject | ReferenceObject = standardErrorRef(status)) => {
    responses[status] ??= response;
  };
  const parameters = (operation.parameters ?? []).filter((parameter): parameter is ParameterObject => !isReference(parameter));
  const queryParameters = parameters.filter((parameter) => parameter.in === 'query');

  if (route.access === 'protected') add(401);
  if (route.access === 'public') add(401, { $ref: '#/components/responses/InvalidAccessToken' });
  // Any POST, PUT, PATCH or DELETE may come with a body, and the server reads one before the
  // route sees it (DRF reads it only when the view asks): one that is not JSON or a form, too
  // large or of another media type is refused even where the operation takes no body.
  const mayCarryBody = operation.requestBody !== undefined || ['post', 'put', 'patch', 'delete'].includes(method);
  if (mayCarryBody || queryParameters.length > 0) add(400);
  if (mayCarryBody) {
    add(413);
    add(415);
  }
  if (/\{\w+\}/.test(path)) add(404);
  else if (queryParameters.some((parameter) => parameter.name === 'page')) add(404, { $ref: '#/components/responses/InvalidPage' });
  // Any operation can fail unexpectedly; the contract says what its body is then.
  add(500);
  add(503);

  for (const [status, response] of Object.entries(responses)) {
    if (isReference(response)) continue;
    if (!response.description) response.description = REASON[status] ?? '';
    // e.g. @StaffOnly's ApiForbiddenResponse: a description, no body schema.
    const standard = STANDARD_ERRORS[Number(status) as ErrorStatus];
    if (standard && !response.content) {
      response.content = { 'application/json': { schema: standard.schema, examples: standard.examples } };
    }
  }
  operation.responses = sortedObject(responses);
}

export function finishDocument(document: OpenAPIObject, routes: RouteIndex): OpenAPIObject {
  const paths: Record<string, PathItemObject> = {};
  const usedTags = new Set<string>();
  const operationIds = new Set<string>();

  for (const [path, item] of Object.entries(document.paths)) {
    const finished: PathItemObject = {};
    for (const method of HTTP_METHODS) {
      const operation = item[method as HttpMethod];
      if (!operation) continue;
      const route = routes.route(method, path);
      // Explicit both ways: an empty list says "no credentials needed", not "unspecified".
      operation.security = route.access === 'protected' ? [{ jwt: [] }] : [];
      describePathIds(operation);
      addStandardErrors(operation, method, path, route);
      if (operation.operationId) {
        if (operationIds.has(operation.operationId)) throw new Error(`OpenAPI: operation id ${operation.operationId} is used twice`);
        operationIds.add(operation.operationId);
      }
      for (const tag of operation.tags ?? []) usedTags.add(tag);
      finished[method] = operation;
    }
    // DRF writes every path with a trailing slash; the server answers both forms.
    paths[path === '/' ? path : `${path}/`] = finished;
  }

  const components = document.components ?? {};
  return {
    openapi: document.openapi,
    info: document.info,
    servers: document.servers?.length ? document.servers : SERVERS,
    tags: [...Object.keys(TAGS).filter((tag) => usedTags.has(tag)), ...[...usedTags].filter((tag) => !(tag in TAGS)).sort()].map(
      (name) => (TAGS[name] ? { name, description: TAGS[name] } : { name }),
    ),
    paths: sortedObject(paths),
    components: {
      securitySchemes: sortedObject(components.securitySchemes ?? {}),
      schemas: sortedObject({ ...components.schemas, ...ERROR_SCHEMAS }),
      responses: sortedObject({
        ...components.responses,
        ...STANDARD_ERROR_RESPONSES,
        InvalidAccessToken: INVALID_ACCESS_TOKEN,
        InvalidPage: INVALID_PAGE,
      }),
    },
  };
}

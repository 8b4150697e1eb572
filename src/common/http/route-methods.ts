import type { FastifyInstance } from 'fastify';

interface Route {
  pattern: RegExp;
  method: string;
  isStatic: boolean;
  /** The Fastify URL without its trailing slash, e.g. `/products/:id`. */
  url: string;
}

/** DRF's order of the `Allow` header (Django's `http_method_names`). */
const METHOD_ORDER = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** What DRF's SimpleMetadata answers to OPTIONS, less `actions` (see optionsMetadata). */
export interface ViewMetadata {
  name: string;
  description: string;
  renders: string[];
  parses: string[];
}

/** The media types our body parsers read (body-parsers.ts), in DRF's default order. */
const PARSES = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'];

/**
 * Fastify answers 404 for a known path with an unrouted method; DRF answers 405, and 200 with
 * its metadata to OPTIONS. This registry remembers every route's pattern so the error filter
 * can tell the cases apart.
 */
export class RouteMethods {
  private readonly routes: Route[] = [];

  static attach(fastify: FastifyInstance): RouteMethods {
    const registry = new RouteMethods();
    fastify.decorate('routeMethods', registry);
    fastify.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) registry.add(method, route.url);
    });
    return registry;
  }

  static of(fastify: FastifyInstance): RouteMethods | undefined {
    return (fastify as FastifyInstance & { routeMethods?: RouteMethods }).routeMethods;
  }

  private add(method: string, url: string): void {
    // CORS's catch-all preflight route (`OPTIONS *`) says nothing about a path's methods.
    if (url === '*' || url === '/*') return;
    const trimmed = url.replace(/\/+$/, '');
    const body = trimmed
      .split('/')
      .map((segment) => (segment.startsWith(':') || segment === '*' ? '[^/]+' : escapeRegExp(segment)))
      .join('/');
    this.routes.push({ method: method.toUpperCase(), pattern: new RegExp(`^${body}/?$`), isStatic: !url.includes(':'), url: trimmed });
  }

  /** Methods routed for a concrete path (query string ignored). */
  allowedFor(url: string): string[] {
    return methodsOf(this.matching(url, () => true));
  }

  /**
   * Methods of the routes without parameters that match the path. `GET /auth/users/set_password/`
   * reaches the `users/:id` route and fails there as a bad id; DRF, which routes
   * `set_password` as an action, answers 405 because the action exists for POST.
   */
  staticAllowedFor(url: string): string[] {
    return methodsOf(this.matching(url, (route) => route.isStatic));
  }

  /**
   * DRF's `Allow` header for a path: the view's methods in Django's order, with OPTIONS
   * (every DRF view answers it). An action path (`/auth/users/set_password/`) is that action
   * alone, as DRF routes it. Empty for a path no route serves.
   */
  allowHeaderFor(url: string): string {
    const routes = this.viewRoutes(url);
    return routes.length > 0 ? [...methodsOf(routes).filter((method) => method !== 'OPTIONS'), 'OPTIONS'].join(', ') : '';
  }

  /**
   * DRF's answer to OPTIONS (SimpleMetadata) for a known path, null for an unknown one. The
   * name is DRF's view name as its routers make it (`Product List`, `Product Instance`, an
   * action's pretty name such as `Set password`); the description is empty, as for a view
   * without a docstring. DRF's `actions` (the fields POST and PUT take) is left out.
   */
  optionsMetadata(url: string): ViewMetadata | null {
    const routes = this.viewRoutes(url);
    if (routes.length === 0) return null;
    return { name: this.viewName(routes[0].url), description: '', renders: ['application/json'], parses: PARSES };
  }

  private viewRoutes(url: string): Route[] {
    const statics = this.matching(url, (route) => route.isStatic);
    return statics.length > 0 ? statics : this.matching(url, () => true);
  }

  private viewName(url: string): string {
    const segments = url.split('/').filter(Boolean);
    const last = segments.at(-1) ?? '';
    if (last.startsWith(':')) return `${singular(segments.at(-2) ?? '')} Instance`;
    const hasInstances = this.routes.some((route) => route.url.startsWith(`${url}/:`) && route.url.split('/').length === url.split('/').length + 1);
    return hasInstances ? `${singular(last)} List` : prettyName(last);
  }

  private matching(url: string, include: (route: Route) => boolean): Route[] {
    const path = url.split('?')[0];
    return this.routes.filter((route) => include(route) && route.pattern.test(path));
  }
}

function methodsOf(routes: Route[]): string[] {
  const methods = new Set(routes.map((route) => route.method));
  return [...METHOD_ORDER.filter((method) => methods.has(method)), ...[...methods].filter((method) => !METHOD_ORDER.includes(method))];
}

/** Django's `pretty_name`: `set_password` → `Set password`. */
function prettyName(segment: string): string {
  const words = segment.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `categories` → `Category`, `products` → `Product`: the model name DRF's routers start from. */
function singular(segment: string): string {
  return prettyName(segment.replace(/ies$/, 'y').replace(/s$/, ''));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

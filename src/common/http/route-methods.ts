import type { FastifyInstance } from 'fastify';

/**
 * Fastify answers 404 for a known path with an unrouted method; DRF answers 405. This
 * registry remembers every route's pattern so the error filter can tell the two apart.
 */
export class RouteMethods {
  private readonly routes: Array<{ pattern: RegExp; method: string }> = [];

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
    const body = url
      .replace(/\/+$/, '')
      .split('/')
      .map((segment) => (segment.startsWith(':') || segment === '*' ? '[^/]+' : escapeRegExp(segment)))
      .join('/');
    this.routes.push({ method: method.toUpperCase(), pattern: new RegExp(`^${body}/?$`) });
  }

  /** Methods routed for a concrete path (query string ignored). */
  allowedFor(url: string): string[] {
    const path = url.split('?')[0];
    return [...new Set(this.routes.filter((route) => route.pattern.test(path)).map((route) => route.method))];
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

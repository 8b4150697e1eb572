import type { FastifyInstance } from 'fastify';

/**
 * Fastify answers 404 for a known path with an unrouted method; DRF answers 405. This
 * registry remembers every route's pattern so the error filter can tell the two apart.
 */
export class RouteMethods {
  private readonly routes: Array<{ pattern: RegExp; method: string; isStatic: boolean }> = [];

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
    this.routes.push({ method: method.toUpperCase(), pattern: new RegExp(`^${body}/?$`), isStatic: !url.includes(':') });
  }

  /** Methods routed for a concrete path (query string ignored). */
  allowedFor(url: string): string[] {
    return this.matching(url, () => true);
  }

  /**
   * Methods of the routes without parameters that match the path. `GET /auth/users/set_password/`
   * reaches the `users/:id` route and fails there as a bad id; DRF, which routes
   * `set_password` as an action, answers 405 because the action exists for POST.
   */
  staticAllowedFor(url: string): string[] {
    return this.matching(url, (route) => route.isStatic);
  }

  private matching(url: string, include: (route: { isStatic: boolean }) => boolean): string[] {
    const path = url.split('?')[0];
    return [...new Set(this.routes.filter((route) => include(route) && route.pattern.test(path)).map((route) => route.method))];
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

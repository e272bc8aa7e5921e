import { NextFunction, Request, Response } from 'express';
import { AppMetrics } from './app-metrics';

/**
 * Nest mounts module middleware (nestjs-pino's) as an Express route for every path; a request
 * that no controller matched keeps that one as `req.route`.
 */
const MIDDLEWARE_ROUTE = '/{*path}';

/** The route a request matched, as declared (`/p/:token`): personal tokens are in paths. */
export function routeTemplate(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' && path !== MIDDLEWARE_ROUTE ? `${req.baseUrl}${path}` : 'unmatched';
}

/** Times every request from its first byte to the end of the response. */
export function httpMetrics(metrics: AppMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const end = metrics.httpRequests.startTimer();
    let done = false;
    const observe = () => {
      if (done) return;
      done = true;
      // A response the client gave up on before it finished is counted with the status it had.
      end({ method: req.method, route: routeTemplate(req), status: String(res.statusCode) });
    };
    res.once('finish', observe);
    res.once('close', observe);
    next();
  };
}

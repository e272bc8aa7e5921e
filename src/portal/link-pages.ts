import { Injectable } from '@nestjs/common';
import { Request, Response } from 'express';
import { FailureLimiter } from '../common/failure-limiter';
import { ViewRenderer } from './view-renderer';

/**
 * What every page behind a personal link shares: the one neutral page for a link that does not
 * work, and one count of such links per address across the portal and the survey, so trying
 * tokens on one path does not buy more tries on another.
 */
@Injectable()
export class LinkPages {
  private readonly failures = new FailureLimiter(20, 15 * 60 * 1000);

  constructor(private readonly views: ViewRenderer) {}

  /** True when the address has tried too many bad links; the 429 page has then been sent. */
  refusedForTooMany(req: Request, res: Response): boolean {
    const wait = this.failures.retryAfterSeconds(req.ip ?? 'unknown');
    if (wait === 0) return false;
    res.setHeader('Retry-After', String(wait));
    this.send(res, 429, 'portal-too-many', { title: 'For mange forsøg' });
    return true;
  }

  /** A wrong, expired or replaced link: counted, and answered with the same neutral 404 page. */
  unknownLink(req: Request, res: Response): void {
    this.failures.recordFailure(req.ip ?? 'unknown');
    this.send(res, 404, 'portal-unknown-link', { title: 'Linket virker ikke' });
  }

  send(res: Response, status: number, view: string, context: object): void {
    res.status(status);
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(this.views.render(view, context));
  }
}

import { CookieOptions } from 'express';

/** A cookie to set, or to clear (value null), with the response. */
export interface CookieOrder {
  name: string;
  value: string | null;
  options: CookieOptions;
}

interface ResultOptions {
  status?: number;
  cookies?: CookieOrder[];
}

/** A page: a view of templates/views/ and its model. The model gets `csrf` (and `nav` on staff pages). */
export class PageView {
  readonly status: number;
  readonly cookies: CookieOrder[];

  constructor(
    readonly view: string,
    readonly model: object,
    options: ResultOptions = {},
  ) {
    this.status = options.status ?? 200;
    this.cookies = options.cookies ?? [];
  }
}

/** "See other": where the browser goes next, after a form or instead of a page. */
export class Redirect {
  readonly status: number;
  readonly cookies: CookieOrder[];

  constructor(
    readonly url: string,
    options: ResultOptions = {},
  ) {
    this.status = options.status ?? 303;
    this.cookies = options.cookies ?? [];
  }
}

/** A small file made on the spot (a calendar, a CSV), sent as an attachment. */
export class Download {
  constructor(
    readonly body: string | Buffer,
    readonly contentType: string,
    readonly disposition: string,
  ) {}
}

export type PageResult = PageView | Redirect | Download;

export const page = (view: string, model: object, options?: ResultOptions) =>
  new PageView(view, model, options);
export const redirect = (url: string, options?: ResultOptions) => new Redirect(url, options);
export const download = (body: string | Buffer, contentType: string, disposition: string) =>
  new Download(body, contentType, disposition);

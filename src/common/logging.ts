import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Params } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** Personal links carry their token in the path; it must never reach a log line. */
export function redactUrl(url: string): string {
  return url
    .replace(/\/(p|evaluering)\/[^/?#]+/g, '/$1/[token]')
    .replace(/([?&](?:token|t)=)[^&#]*/gi, '$1[token]');
}

/** Structured JSON logs, one line per request, with a request id that is also sent back. */
export function loggingParams(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: redactUrl(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      customProps: () => ({ service: 'kattegat' }),
    },
  };
}

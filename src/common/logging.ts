import { LoggerService } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Params } from 'nestjs-pino';
import pino from 'pino';
import { Options } from 'pino-http';
import pretty from 'pino-pretty';
import { AppConfig } from '../config/app-config';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** Personal links carry their token in the path; it must never reach a log line. */
export function redactUrl(url: string): string {
  return url
    .replace(/\/(p|evaluering)\/[^/?#]+/g, '/$1/[token]')
    .replace(/([?&](?:token|t)=)[^&#]*/gi, '$1[token]');
}

/**
 * On a terminal: one short coloured line per event, written in order with the rest of the output
 * (pino-pretty in this thread, not a worker), the request line as "GET /api/cycles 200 12 ms".
 */
const prettyStream = () =>
  pretty({
    sync: true,
    colorize: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,service,context,req,res,responseTime',
    messageFormat: '{if context}[{context}] {end}{msg}',
  });

const requestLine = (req: IncomingMessage, res: ServerResponse, responseTime: number) =>
  `${req.method} ${redactUrl(req.url ?? '')} ${res.statusCode} ${Math.round(responseTime)} ms`;

interface LoggedRequest extends IncomingMessage {
  id: string;
}

/**
 * Structured logs, one line per request, with a request id that is also sent back: JSON lines for
 * a collector, or readable lines on a terminal (LOG_FORMAT).
 *
 * The request line is written for every request, `/health` too, so it is kept lean: the
 * serializers read the four fields an operator needs straight from Node's request and response
 * (`wrapSerializers: false` spares pino-http copying every header first, only for them to be
 * dropped), and `service` is part of the base bindings rather than a child logger per request.
 * No header reaches a line, so there is nothing to redact but the path's token.
 */
export function loggingParams(config: AppConfig): Params {
  const options: Options = {
    level: config.logLevel,
    base: { pid: process.pid, hostname: hostname(), service: 'kattegat' },
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    wrapSerializers: false,
    serializers: {
      req: (req: LoggedRequest) => ({ id: req.id, method: req.method, url: redactUrl(req.url ?? '') }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      err: pino.stdSerializers.err,
    },
  };
  if (config.logFormat === 'json') return { pinoHttp: options };
  return { pinoHttp: [{ ...options, customSuccessMessage: requestLine }, prettyStream()] };
}

/** What Nest says while it starts: every module and every route, a hundred lines and more. */
const START_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory']);

/**
 * The app's logger for Nest: as the given one, but Nest's start-up chatter (the module list and
 * the route table) only at debug level, so the start log says what an operator needs.
 */
export class QuietStartLogger implements LoggerService {
  constructor(private readonly logger: LoggerService) {}

  log(message: unknown, ...params: unknown[]): void {
    const context = params.at(-1);
    if (typeof context === 'string' && START_CONTEXTS.has(context)) this.logger.debug?.(message, ...params);
    else this.logger.log(message, ...params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.logger.error(message, ...params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.logger.warn(message, ...params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.logger.debug?.(message, ...params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.logger.verbose?.(message, ...params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.logger.fatal?.(message, ...params);
  }
}

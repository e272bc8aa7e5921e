import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { Request, Response } from 'express';
import { ErrorCode } from './danish-messages';
import { DomainError, DomainErrorKind } from './domain-error';
import { ErrorBody } from './error-body';

/** The one mapping of a kind of failure to its HTTP status, for the API and the pages alike. */
export const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  validation_failed: HttpStatus.BAD_REQUEST,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  too_many_attempts: HttpStatus.TOO_MANY_REQUESTS,
  payload_too_large: HttpStatus.PAYLOAD_TOO_LARGE,
  unsupported_media_type: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
};

const REASON_BY_STATUS: Record<number, string> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'too_many_attempts',
  503: 'unavailable',
};

/** The code of a failure Nest or Express reported (a route that does not exist, a body that is not JSON). */
const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'request.malformed',
  401: 'auth.bearer_missing',
  403: 'request.forbidden',
  404: 'request.not_found',
  413: 'request.too_large',
  415: 'request.unsupported_media_type',
  503: 'service.unavailable',
};

/** The status and stable code of any failure: the filters of the API and of the pages agree on both. */
export function classify(exception: unknown): { status: number; code: ErrorCode } {
  if (exception instanceof DomainError)
    return { status: STATUS_BY_KIND[exception.kind], code: exception.code };
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return { status, code: CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal.error' : 'request.failed') };
  }
  if (databaseUnavailable(exception)) return { status: 503, code: 'service.unavailable' };
  return { status: 500, code: 'internal.error' };
}

/** Error codes of a database that is not there: refused, cut off, shutting down or starting. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01',
  '57P03',
]);

/**
 * Whether a failure means the database cannot be reached (an outage, a restart) rather than a bug:
 * the request is answered 503 at once and may be tried again. pg's own messages for a pool that
 * cannot connect in time or a connection cut in the middle carry no code.
 */
export function databaseUnavailable(exception: unknown): boolean {
  const error = exception as { code?: unknown; message?: unknown; driverError?: unknown } | null;
  if (!error || typeof error !== 'object') return false;
  if (error.driverError) return databaseUnavailable(error.driverError);
  const code = typeof error.code === 'string' ? error.code : '';
  if (UNREACHABLE.has(code) || code.startsWith('08')) return true;
  const message = typeof error.message === 'string' ? error.message : '';
  return /timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error/.test(
    message,
  );
}

/** Maps domain errors, Nest's HTTP exceptions and anything unexpected to the one error body. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const body = this.toBody(exception);
    body.requestId = request.id;
    if (body.statusCode >= 500) {
      this.logger.error({ error: describeError(exception), requestId: request.id }, 'Unhandled error');
    }
    if (response.headersSent) return;
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    const { status: statusCode, code } = classify(exception);
    if (exception instanceof DomainError) {
      return {
        statusCode,
        error: exception.kind,
        code,
        message: exception.message,
        details: exception.details,
      };
    }
    if (exception instanceof HttpException) {
      const payload = exception.getResponse();
      const message =
        typeof payload === 'string'
          ? payload
          : Array.isArray((payload as { message?: unknown }).message)
            ? (payload as { message: string[] }).message.join('; ')
            : String((payload as { message?: unknown }).message ?? exception.message);
      const details = (payload as { details?: ErrorBody['details'] }).details;
      return {
        statusCode,
        error: REASON_BY_STATUS[statusCode] ?? 'error',
        code,
        message: clarify(message),
        details,
      };
    }
    return { statusCode, error: 'internal_error', code, message: 'Something went wrong on our side.' };
  }
}

/** Express's JSON parser speaks of tokens and positions; say what the caller did wrong. */
function clarify(message: string): string {
  if (/JSON|Unexpected token|Unexpected end/.test(message))
    return `The request body is not valid JSON: ${message}`;
  return message;
}

/**
 * What is safe to log of an unexpected error: its kind, message, code and stack. Database errors
 * carry the query's parameters, which can be personal data, so the error is never logged whole.
 */
export function describeError(exception: unknown): Record<string, unknown> {
  if (!(exception instanceof Error)) return { type: typeof exception };
  const code = (exception as { code?: unknown; driverError?: { code?: unknown } }).driverError?.code;
  return { type: exception.name, message: exception.message, code, stack: exception.stack };
}

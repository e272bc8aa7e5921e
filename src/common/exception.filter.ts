import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { Request, Response } from 'express';
import { DomainError, DomainErrorCode } from './domain-error';
import { ErrorBody } from './error-body';

const STATUS_BY_CODE: Record<DomainErrorCode, number> = {
  validation_failed: HttpStatus.BAD_REQUEST,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  too_many_attempts: HttpStatus.TOO_MANY_REQUESTS,
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
      this.logger.error({ error: describe(exception), requestId: request.id }, 'Unhandled error');
    }
    if (response.headersSent) return;
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      const statusCode = STATUS_BY_CODE[exception.code];
      return { statusCode, error: exception.code, message: exception.message, details: exception.details };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
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
        message: clarify(message),
        details,
      };
    }
    return { statusCode: 500, error: 'internal_error', message: 'Something went wrong on our side.' };
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
function describe(exception: unknown): Record<string, unknown> {
  if (!(exception instanceof Error)) return { type: typeof exception };
  const code = (exception as { code?: unknown; driverError?: { code?: unknown } }).driverError?.code;
  return { type: exception.name, message: exception.message, code, stack: exception.stack };
}

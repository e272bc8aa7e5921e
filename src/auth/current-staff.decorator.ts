import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Request } from 'express';
import { AuthenticatedStaff } from './authenticated-staff';

/** A request the access guard let through with a bearer token: who, and which session. */
export interface SignedInRequest extends Request {
  staff: AuthenticatedStaff;
  sessionId: string;
  sessionToken: string;
}

export const CurrentStaff = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedStaff =>
    context.switchToHttp().getRequest<{ staff: AuthenticatedStaff }>().staff,
);

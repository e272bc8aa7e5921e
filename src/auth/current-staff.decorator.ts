import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { AuthenticatedStaff } from './authenticated-staff';

export const CurrentStaff = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedStaff =>
    context.switchToHttp().getRequest<{ staff: AuthenticatedStaff }>().staff,
);

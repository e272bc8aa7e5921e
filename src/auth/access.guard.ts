import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { DomainError } from '../common/domain-error';
import { PUBLIC_KEY, ROLES_KEY, SESSION_PAGES_KEY } from './access.decorators';
import { AuthService } from './auth.service';
import { SignedInRequest } from './current-staff.decorator';
import { StaffRole } from './roles';

/**
 * The global guard. A route is open only when marked @Public(); a staff page (web's @StaffPages)
 * is left to its session guard; otherwise a route needs a valid bearer token and one of the roles
 * its @Roles() names. A route that declares neither is closed.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    // Staff pages: StaffSessionGuard checks the session cookie and the roles.
    if (this.reflector.getAllAndOverride<boolean>(SESSION_PAGES_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<Request & Partial<SignedInRequest>>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    const signedIn = scheme === 'Bearer' && token ? await this.auth.authenticate(token) : null;
    if (!signedIn)
      throw new DomainError(
        'unauthenticated',
        'auth.bearer_missing',
        'Log in first: send Authorization: Bearer <accessToken>',
      );
    const { staff, sessionId } = signedIn;
    Object.assign(request, { staff, sessionId, sessionToken: token });

    const roles = this.reflector.getAllAndOverride<StaffRole[] | undefined>(ROLES_KEY, targets);
    if (!roles) {
      this.logger.error(
        `${request.method} ${request.route?.path ?? request.path} declares no roles; refused`,
      );
      throw new DomainError('forbidden', 'auth.route_closed', 'This route is not open to any role');
    }
    if (!roles.includes(staff.role)) {
      throw new DomainError(
        'forbidden',
        'auth.role_not_allowed',
        `This needs one of the roles: ${roles.join(', ')}`,
      );
    }
    return true;
  }
}

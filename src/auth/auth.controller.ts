import { Body, Controller, Get, Headers, HttpCode, Ip, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, Roles } from './access.decorators';
import { AuthService } from './auth.service';
import { AuthenticatedStaff } from './authenticated-staff';
import { CurrentStaff, SignedInRequest } from './current-staff.decorator';
import { AccessTokenDto, ChangePasswordDto, LoginDto } from './dto/login.dto';
import { STAFF_ROLES } from './roles';
import { StaffService } from './staff.service';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly staff: StaffService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in and get a bearer token',
    description:
      'Admins and planners send `totp` (the authenticator code or a recovery code) when REQUIRE_2FA is on or their second factor is on.',
  })
  @ApiOkResponse({ type: AccessTokenDto })
  login(
    @Body() body: LoginDto,
    @Ip() address: string,
    @Headers('user-agent') userAgent?: string,
  ): Promise<AccessTokenDto> {
    return this.auth.login(body.email, body.password, body.totp, { address, userAgent });
  }

  @Roles(...STAFF_ROLES)
  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Sign out: the bearer token stops working' })
  @ApiNoContentResponse()
  async logout(@Req() req: SignedInRequest): Promise<void> {
    await this.auth.signOut(req.sessionToken);
  }

  @Roles(...STAFF_ROLES)
  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who the bearer token speaks for' })
  me(@CurrentStaff() staff: AuthenticatedStaff): AuthenticatedStaff {
    return staff;
  }

  @Roles(...STAFF_ROLES)
  @Post('password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: "Change one's own password; every other session of the account ends" })
  @ApiNoContentResponse()
  changePassword(@Body() body: ChangePasswordDto, @Req() req: SignedInRequest): Promise<void> {
    return this.staff.changeOwnPassword(req.staff.id, body.currentPassword, body.newPassword, req.sessionId);
  }
}

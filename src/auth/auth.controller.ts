import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public, Roles } from './access.decorators';
import { AuthService } from './auth.service';
import { AuthenticatedStaff } from './authenticated-staff';
import { CurrentStaff } from './current-staff.decorator';
import { AccessTokenDto, LoginDto } from './dto/login.dto';
import { STAFF_ROLES } from './roles';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: AccessTokenDto })
  login(@Body() body: LoginDto, @Ip() address: string): Promise<AccessTokenDto> {
    return this.auth.login(body.email, body.password, address);
  }

  @Roles(...STAFF_ROLES)
  @Get('me')
  @ApiBearerAuth()
  me(@CurrentStaff() staff: AuthenticatedStaff): AuthenticatedStaff {
    return staff;
  }
}

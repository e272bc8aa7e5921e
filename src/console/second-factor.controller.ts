import { Body, Get, Post, Req } from '@nestjs/common';
import { CurrentStaff } from '../auth/current-staff.decorator';
import { AuthenticatedStaff } from '../auth/authenticated-staff';
import { STAFF_ROLES } from '../auth/roles';
import { TwoFactorService } from '../auth/two-factor.service';
import { OnRefusal } from '../web/page.interceptor';
import { PageRequest } from '../web/page-request';
import { StaffPages } from '../web/pages.decorators';
import { Refusal } from '../web/refusal';
import { qrImage } from '../common/qr-image';
import { CodeForm } from './sign-in.form';
import { consolePage } from './shell/console-page';
import { signInFormView } from './sign-in-view';
import { staffStartPage } from '../web/staff-menu';

const PATH = '/totrinsbekraeftelse';

/** A signed-in user's own second factor: set it up (any role may), or see that it is on. */
@StaffPages('totrinsbekraeftelse', ...STAFF_ROLES)
export class SecondFactorController {
  constructor(private readonly twoFactor: TwoFactorService) {}

  @Get()
  async status(@Req() req: PageRequest) {
    const staff = req.staff!;
    if (await this.twoFactor.isOn(staff.id)) {
      return consolePage(
        'second-factor-status',
        { title: 'Totrinsbekræftelse' },
        { unused: await this.twoFactor.unusedRecoveryCodes(staff.id) },
      );
    }
    return this.setupPage(null, req);
  }

  @Post()
  @OnRefusal('setupPage')
  async confirm(@Body() form: CodeForm, @CurrentStaff() staff: AuthenticatedStaff) {
    const codes = await this.twoFactor.confirm(staff.id, (form.code ?? '').trim());
    return consolePage(
      'second-factor-codes',
      { title: 'Genoprettelseskoder' },
      { codes, next: staffStartPage(staff.role) },
    );
  }

  async setupPage(refusal: Refusal | null, req: PageRequest) {
    const { secret, uri } = await this.twoFactor.enrolment(req.staff!.id);
    return consolePage(
      'second-factor-setup',
      { title: 'Sæt totrinsbekræftelse op' },
      {
        required: false,
        action: PATH,
        qr: await qrImage(uri),
        secret,
        ...signInFormView(refusal, ['code'], 'code'),
      },
    );
  }
}

import { Get, Param } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { qrPng } from '../common/qr-image';
import { CheckInService } from '../registrations/check-in.service';
import { download } from '../web/page-result';
import { Pages } from '../web/pages.decorators';

/**
 * The QR image of a check-in code, for the member's page and the confirmation e-mail. The code is
 * its own address: it is drawn only when this app signed it, and it opens nothing but the door.
 */
@Pages('indtjekning')
export class CheckInImageController {
  constructor(private readonly checkIns: CheckInService) {}

  @Get(':code.png')
  async image(@Param('code') code: string) {
    if (!this.checkIns.isCode(code)) throw new DomainError('not_found', 'request.not_found', 'No such code');
    return download(await qrPng(code), 'image/png', 'inline; filename="indtjekning.png"');
  }
}

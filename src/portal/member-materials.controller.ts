import { Get, Ip, Param, Res } from '@nestjs/common';
import { Response } from 'express';
import { Member } from '../cycles/member.entity';
import { MaterialsService } from '../materials/materials.service';
import { sendMaterial } from '../materials/send-material';
import { LinkLimiter } from '../web/link-limiter';
import { PersonalLinkGuard } from '../web/link.guards';
import { CurrentMember } from '../web/page-request';
import { MemberPages } from '../web/pages.decorators';

/**
 * Downloads from the member's personal page. A material the member may not have (yet) gets the
 * same neutral, counted 404 as a bad link, so the page reveals nothing about other seminars.
 */
@MemberPages('p/:token/materialer', PersonalLinkGuard)
export class MemberMaterialsController {
  constructor(
    private readonly materials: MaterialsService,
    private readonly links: LinkLimiter,
  ) {}

  /** The one page handler that writes to the response itself: it sends a file. */
  @Get(':id')
  async download(
    @CurrentMember() member: Member,
    @Param('id') id: string,
    @Ip() address: string | undefined,
    @Res() res: Response,
  ) {
    const materialId = /^[1-9]\d{0,9}$/.test(id) ? Number(id) : null;
    const material = materialId ? await this.materials.forMemberDownload(member, materialId) : null;
    if (!material) throw await this.links.refuse(address ?? 'unknown');
    sendMaterial(res, material);
  }
}

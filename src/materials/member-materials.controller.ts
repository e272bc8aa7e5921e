import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { Public } from '../auth/access.decorators';
import { InvitationsService } from '../invitations/invitations.service';
import { LinkPages } from '../portal/link-pages';
import { MaterialsService } from './materials.service';
import { sendMaterial } from './send-material';

/**
 * Downloads from the member's personal page. A material the member may not have (yet) gets the
 * same neutral, counted 404 as a bad link, so the page reveals nothing about other seminars.
 */
@ApiExcludeController()
@Public()
@Controller('p/:token/materialer')
export class MemberMaterialsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly materials: MaterialsService,
    private readonly pages: LinkPages,
  ) {}

  @Get(':id')
  async download(
    @Param('token') token: string,
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    if (this.pages.refusedForTooMany(req, res)) return;
    const member = await this.invitations.resolve(token);
    const materialId = /^[1-9]\d{0,9}$/.test(id) ? Number(id) : null;
    const material = member && materialId ? await this.materials.forMemberDownload(member, materialId) : null;
    if (!material) {
      this.pages.unknownLink(req, res);
      return;
    }
    sendMaterial(res, material);
  }
}

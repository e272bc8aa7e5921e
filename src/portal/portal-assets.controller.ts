import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from '../auth/access.decorators';
import { TEMPLATES_DIR } from '../paths';

/** The pages' one stylesheet, served by the app itself (no CDN). */
@ApiExcludeController()
@Public()
@Controller('assets')
export class PortalAssetsController {
  private readonly css = readFileSync(join(TEMPLATES_DIR, 'assets', 'portal.css'), 'utf8');

  @Get('portal.css')
  stylesheet(@Res() res: Response): void {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type('text/css').send(this.css);
  }
}

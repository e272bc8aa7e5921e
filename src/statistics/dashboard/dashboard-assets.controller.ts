import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from '../../auth/access.decorators';
import { PROJECT_ROOT, TEMPLATES_DIR } from '../../paths';

/** The dashboard's scripts and styles, served by the app itself (no CDN). */
@ApiExcludeController()
@Public()
@Controller('assets')
export class DashboardAssetsController {
  private readonly chart = readFileSync(
    join(PROJECT_ROOT, 'node_modules/chart.js/dist/chart.umd.js'),
    'utf8',
  );
  private readonly script = readFileSync(join(TEMPLATES_DIR, 'assets', 'dashboard.js'), 'utf8');
  private readonly css = readFileSync(join(TEMPLATES_DIR, 'assets', 'dashboard.css'), 'utf8');

  @Get('chart.umd.js')
  chartJs(@Res() res: Response): void {
    this.send(res, 'application/javascript', this.chart);
  }

  @Get('dashboard.js')
  dashboardJs(@Res() res: Response): void {
    this.send(res, 'application/javascript', this.script);
  }

  @Get('dashboard.css')
  stylesheet(@Res() res: Response): void {
    this.send(res, 'text/css', this.css);
  }

  private send(res: Response, type: string, body: string): void {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type(type).send(body);
  }
}

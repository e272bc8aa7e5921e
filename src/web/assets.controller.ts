import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from '../auth/access.decorators';
import { PROJECT_ROOT, TEMPLATES_DIR } from '../paths';

const CACHE = 'public, max-age=3600';
const JS = 'application/javascript';

/** The pages' stylesheets and scripts, Chart.js included, served by the app itself (no CDN). */
@ApiExcludeController()
@Public()
@Controller('assets')
export class AssetsController {
  private readonly portalCss = readFileSync(join(TEMPLATES_DIR, 'assets', 'portal.css'), 'utf8');
  private readonly consoleCss = readFileSync(join(TEMPLATES_DIR, 'assets', 'console.css'), 'utf8');
  private readonly consoleJs = readFileSync(join(TEMPLATES_DIR, 'assets', 'console.js'), 'utf8');
  private readonly checkInJs = readFileSync(join(TEMPLATES_DIR, 'assets', 'check-in.js'), 'utf8');
  private readonly chartJs = readFileSync(
    join(PROJECT_ROOT, 'node_modules/chart.js/dist/chart.umd.js'),
    'utf8',
  );

  @Get('portal.css')
  @Header('Content-Type', 'text/css')
  @Header('Cache-Control', CACHE)
  portalStylesheet(): string {
    return this.portalCss;
  }

  @Get('console.css')
  @Header('Content-Type', 'text/css')
  @Header('Cache-Control', CACHE)
  consoleStylesheet(): string {
    return this.consoleCss;
  }

  @Get('console.js')
  @Header('Content-Type', JS)
  @Header('Cache-Control', CACHE)
  consoleScript(): string {
    return this.consoleJs;
  }

  @Get('check-in.js')
  @Header('Content-Type', JS)
  @Header('Cache-Control', CACHE)
  checkInScript(): string {
    return this.checkInJs;
  }

  @Get('chart.umd.js')
  @Header('Content-Type', JS)
  @Header('Cache-Control', CACHE)
  chartScript(): string {
    return this.chartJs;
  }
}

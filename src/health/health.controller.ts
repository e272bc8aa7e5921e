import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/access.decorators';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Whether the app and its database answer' })
  async check(
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ status: 'ok'; database: 'up' } | { status: 'unavailable'; database: 'down' }> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      // For the proxy's and the monitor's checks: 503 while the database does not answer.
      res.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: 'unavailable', database: 'down' };
    }
    return { status: 'ok', database: 'up' };
  }
}

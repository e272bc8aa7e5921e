import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Municipality } from './municipality.entity';
import { Party } from './party.entity';
import { loadReferenceData } from './reference-data';
import { ReferenceService } from './reference.service';
import { Region } from './region.entity';

@Injectable()
export class ReferenceSeeder {
  private readonly logger = new Logger(ReferenceSeeder.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly reference: ReferenceService,
  ) {}

  /** Upserts regions, municipalities and parties; running it again changes nothing. */
  async seed(): Promise<void> {
    const data = loadReferenceData();
    await this.dataSource.transaction(async (manager) => {
      await manager.upsert(Region, data.regions, ['code']);
      await manager.upsert(Municipality, data.municipalities, ['code']);
      await manager.upsert(Party, data.parties, ['letter']);
    });
    this.reference.forget();
    this.logger.log(
      `Reference data: ${data.regions.length} regions, ${data.municipalities.length} municipalities, ${data.parties.length} parties`,
    );
  }
}

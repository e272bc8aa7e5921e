import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Municipality } from './municipality.entity';
import { Party } from './party.entity';
import { ReferenceController } from './reference.controller';
import { ReferenceSeeder } from './reference.seeder';
import { ReferenceService } from './reference.service';
import { Region } from './region.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Municipality, Region, Party])],
  controllers: [ReferenceController],
  providers: [ReferenceService, ReferenceSeeder],
  exports: [ReferenceService, ReferenceSeeder],
})
export class ReferenceModule {}

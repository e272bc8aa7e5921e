import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReferenceModule } from '../reference/reference.module';
import { Cycle } from './cycle.entity';
import { CyclesController } from './cycles.controller';
import { CyclesService } from './cycles.service';
import { MemberExportService } from './export/member-export.service';
import { AuditEntry } from './gdpr/audit-entry.entity';
import { AuditLogService } from './gdpr/audit-log.service';
import { GdprController } from './gdpr/gdpr.controller';
import { GdprService } from './gdpr/gdpr.service';
import { ImportJob } from './import/import-job.entity';
import { ImportJobsService } from './import/import-jobs.service';
import { MemberImportController } from './import/member-import.controller';
import { MemberImportService } from './import/member-import.service';
import { Member } from './member.entity';
import { MembersController } from './members.controller';
import { MembersService } from './members.service';

@Module({
  imports: [TypeOrmModule.forFeature([Cycle, Member, AuditEntry, ImportJob]), ReferenceModule],
  // The import route comes before the member routes so that "import" is never taken for an id.
  controllers: [CyclesController, MemberImportController, MembersController, GdprController],
  providers: [
    CyclesService,
    MembersService,
    MemberImportService,
    ImportJobsService,
    MemberExportService,
    GdprService,
    AuditLogService,
  ],
  exports: [
    CyclesService,
    MembersService,
    MemberImportService,
    ImportJobsService,
    GdprService,
    AuditLogService,
  ],
})
export class CyclesModule {}

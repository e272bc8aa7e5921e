import {
  Controller,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Query,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/access.decorators';
import { AuthenticatedStaff } from '../../auth/authenticated-staff';
import { CurrentStaff } from '../../auth/current-staff.decorator';
import { DomainError } from '../../common/domain-error';
import { callerOf } from '../caller';
import { ImportQueryDto, rowNumbers } from '../dto/member.dto';
import { ImportReport, MemberImportService } from './member-import.service';

const MAX_FILE_BYTES = 10 * 1024 * 1024;

@ApiTags('members')
@ApiBearerAuth()
@Controller('api/cycles/:cycleId/members/import')
export class MemberImportController {
  constructor(private readonly importer: MemberImportService) {}

  /**
   * A dry run (the default) reports row by row; dryRun=false applies the file all-or-nothing. A file
   * without a Nyvalgt column gets `newlyElectedProposal`, matched against the previous cycle; the
   * commit then needs acceptProposal=true (and newlyElected=/reElected= for corrected rows).
   */
  @Roles('admin', 'planner', 'municipality')
  @Post()
  @ApiOperation({ summary: 'Import members from CSV or XLSX (dry run or commit)' })
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: { file: { type: 'string', format: 'binary' } },
      required: ['file'],
    },
  })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_FILE_BYTES, files: 1 } }))
  import(
    @Param('cycleId', ParseIntPipe) cycleId: number,
    @Query() query: ImportQueryDto,
    @UploadedFile() file: { buffer: Buffer } | undefined,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<ImportReport> {
    if (!file) {
      throw new DomainError(
        'validation_failed',
        'import.file_missing',
        'Send the file as the multipart field "file"',
        [{ field: 'file', reason: 'missing' }],
      );
    }
    return this.importer.import(
      cycleId,
      file.buffer,
      {
        dryRun: query.dryRun ?? true,
        skipRejected: query.skipRejected ?? false,
        newlyElected: {
          accept: query.acceptProposal ?? false,
          newlyElected: rowNumbers(query.newlyElected),
          reElected: rowNumbers(query.reElected),
        },
      },
      callerOf(staff),
    );
  }
}

import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { NoControlCharacters } from '../../common/control-characters';
import { CYCLE_STATUSES, CycleStatus } from '../cycle.entity';

const DATE = { strict: true };
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export class CreateCycleDto {
  @ApiProperty({ example: 'KV25' })
  @Matches(/^[A-Z][A-Z0-9-]{1,19}$/, { message: 'code must be capital letters and digits, such as KV25' })
  code: string;

  @ApiProperty({ example: 'Kommunalvalget 2025' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NoControlCharacters()
  name: string;

  @ApiProperty({ example: '2025-11-18' })
  @IsISO8601(DATE, { message: 'electionDate must be a date YYYY-MM-DD' })
  @Matches(DATE_ONLY, { message: 'electionDate must be a date YYYY-MM-DD' })
  electionDate: string;

  @ApiProperty({ example: '2026-01-01' })
  @IsISO8601(DATE, { message: 'termStart must be a date YYYY-MM-DD' })
  @Matches(DATE_ONLY, { message: 'termStart must be a date YYYY-MM-DD' })
  termStart: string;

  @ApiPropertyOptional({ enum: CYCLE_STATUSES, default: 'planning' })
  @IsOptional()
  @IsIn(CYCLE_STATUSES)
  status?: CycleStatus;

  @ApiPropertyOptional({ description: 'First invitation reminder, days after the invitation', default: 7 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  invitationReminderAfterDays?: number;

  @ApiPropertyOptional({
    description: 'Last invitation reminder, days before registration closes',
    default: 5,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  invitationReminderBeforeDeadlineDays?: number;
}

export class UpdateCycleDto extends PartialType(CreateCycleDto) {}

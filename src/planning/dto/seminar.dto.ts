import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { NoControlCharacters } from '../../common/control-characters';
import { SEMINAR_STATUSES, SeminarStatus } from '../seminar.entity';

const INSTANT = { strict: true, strictSeparator: true };

export class AgendaItemDto {
  @ApiProperty({ example: '2026-01-15T13:00:00+01:00' })
  @IsISO8601(INSTANT, { message: 'startsAt must be an ISO 8601 instant' })
  startsAt: string;

  @ApiProperty({ example: 'Velkomst og præsentation' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @NoControlCharacters()
  title: string;

  @ApiPropertyOptional({ example: 'Borgmester Anne Jensen' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @NoControlCharacters()
  speaker?: string;
}

export class CreateSeminarDto {
  @ApiProperty()
  @IsInt()
  waveId: number;

  @ApiProperty()
  @IsInt()
  venueId: number;

  @ApiProperty({ example: 'Kattegat-seminar, Kolding' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NoControlCharacters()
  title: string;

  @ApiProperty({ example: '2026-01-15T13:00:00+01:00' })
  @IsISO8601(INSTANT, { message: 'startsAt must be an ISO 8601 instant' })
  startsAt: string;

  @ApiProperty({ example: '2026-01-17T13:00:00+01:00' })
  @IsISO8601(INSTANT, { message: 'endsAt must be an ISO 8601 instant' })
  endsAt: string;

  @ApiProperty({ example: 25 })
  @IsInt()
  @Min(1)
  @Max(1000)
  capacity: number;

  @ApiProperty({ example: '2026-01-08T12:00:00+01:00' })
  @IsISO8601(INSTANT, { message: 'registrationDeadline must be an ISO 8601 instant' })
  registrationDeadline: string;

  @ApiPropertyOptional({ enum: SEMINAR_STATUSES, default: 'draft' })
  @IsOptional()
  @IsIn(SEMINAR_STATUSES)
  status?: SeminarStatus;

  @ApiPropertyOptional({ type: [AgendaItemDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AgendaItemDto)
  agenda?: AgendaItemDto[];
}

/** Everything but the wave may change; a change of time or venue is announced to the participants. */
export class UpdateSeminarDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  venueId?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NoControlCharacters()
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601(INSTANT, { message: 'startsAt must be an ISO 8601 instant' })
  startsAt?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601(INSTANT, { message: 'endsAt must be an ISO 8601 instant' })
  endsAt?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  capacity?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601(INSTANT, { message: 'registrationDeadline must be an ISO 8601 instant' })
  registrationDeadline?: string;

  @ApiPropertyOptional({ enum: SEMINAR_STATUSES })
  @IsOptional()
  @IsIn(SEMINAR_STATUSES)
  status?: SeminarStatus;

  @ApiPropertyOptional({ type: [AgendaItemDto], description: 'Replaces the whole agenda' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AgendaItemDto)
  agenda?: AgendaItemDto[];
}

export class SeminarQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  cycleId?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  waveId?: number;
}

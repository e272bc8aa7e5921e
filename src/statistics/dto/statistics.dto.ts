import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class FormatQueryDto {
  @ApiPropertyOptional({
    enum: ['json', 'csv'],
    description: 'csv: UTF-8 with BOM, `;`, CRLF, decimal comma',
  })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class CompareQueryDto extends FormatQueryDto {
  @ApiProperty({ example: 'KV21,KV25', description: 'Cycle ids or codes, separated by commas' })
  @IsString()
  @MaxLength(300)
  cycles: string;
}

export class CycleRefDto {
  @ApiProperty() id: number;
  @ApiProperty({ example: 'KV25' }) code: string;
  @ApiProperty() name: string;
}

/** Counts of newly elected members; see the README section "Statistics" for each definition. */
export class ParticipationDto {
  @ApiProperty() newlyElected: number;
  @ApiProperty({ description: 'Newly elected with an invitation (also a revoked one)' }) invited: number;
  @ApiProperty({
    description: 'Newly elected who answered "Jeg kan ikke deltage" and hold no seat or waiting place',
  })
  declined: number;
  @ApiProperty({
    description: 'Newly elected holding or having held a seat: registered, attended or no-show',
  })
  registered: number;
  @ApiProperty({ description: 'Newly elected on a waiting list now' }) waitlisted: number;
  @ApiProperty() attended: number;
  @ApiProperty() noShows: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'attended ÷ newlyElected, 0–1; null when 0 newly elected',
  })
  coverage: number | null;
}

export class MunicipalityFiguresDto extends ParticipationDto {
  @ApiProperty({ example: 461 }) municipalityCode: number;
  @ApiProperty({ example: 'Odense' }) name: string;
  @ApiProperty({ example: 1083 }) regionCode: number;
}

export class RegionFiguresDto extends ParticipationDto {
  @ApiProperty({ example: 1083 }) regionCode: number;
  @ApiProperty({ example: 'Region Syddanmark' }) name: string;
}

export class PartyFiguresDto extends ParticipationDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'National list letter; null for all local lists together',
  })
  letter: string | null;
  @ApiProperty({ example: 'Socialdemokratiet' }) name: string;
}

export class SeminarFiguresDto {
  @ApiProperty() seminarId: number;
  @ApiProperty() title: string;
  @ApiProperty() waveId: number;
  @ApiProperty({ example: 'Hotel Koldingfjord, Kolding' }) venue: string;
  @ApiProperty({ example: '2026-01-15T12:00:00.000Z' }) startsAt: string;
  @ApiProperty() status: string;
  @ApiProperty() capacity: number;
  @ApiProperty({ description: 'Seats held: registered + attended + no-show (all members)' })
  registered: number;
  @ApiProperty() waitlisted: number;
  @ApiProperty() attended: number;
  @ApiProperty() noShows: number;
  @ApiProperty({ type: Number, nullable: true, description: 'registered ÷ capacity' }) fillRate:
    number | null;
}

export class WaveFiguresDto {
  @ApiProperty() waveId: number;
  @ApiProperty() name: string;
  @ApiProperty() seminars: number;
  @ApiProperty({ description: 'Capacity of the seminars not cancelled' }) capacity: number;
  @ApiProperty() registered: number;
  @ApiProperty() waitlisted: number;
  @ApiProperty() attended: number;
  @ApiProperty() noShows: number;
  @ApiProperty({ type: Number, nullable: true }) fillRate: number | null;
}

export class TimelineDayDto {
  @ApiProperty({ example: '2026-01-05', description: 'Day in Europe/Copenhagen' }) date: string;
  @ApiProperty({ description: 'Seats taken directly or from the waiting list' }) registrations: number;
  @ApiProperty() waitlisted: number;
  @ApiProperty({ description: 'Seats given up, also by a cancelled seminar' }) cancellations: number;
  @ApiProperty() cumulativeRegistrations: number;
}

export class SeminarTotalsDto {
  @ApiProperty({ description: 'Seminars not cancelled' }) count: number;
  @ApiProperty() capacity: number;
  @ApiProperty() registered: number;
  @ApiProperty() waitlisted: number;
  @ApiProperty() attended: number;
  @ApiProperty() noShows: number;
  @ApiProperty({ type: Number, nullable: true }) fillRate: number | null;
}

export class SummaryDto {
  @ApiProperty({ type: CycleRefDto }) cycle: CycleRefDto;
  @ApiProperty({ type: ParticipationDto }) totals: ParticipationDto;
  @ApiProperty({ type: SeminarTotalsDto }) seminars: SeminarTotalsDto;
  @ApiProperty({
    type: Object,
    nullable: true,
    description: 'Evaluation results ({ overall, seminars }) or null when none are answered',
  })
  evaluation: object | null;
}

export class MunicipalityListingDto {
  @ApiProperty({ type: CycleRefDto }) cycle: CycleRefDto;
  @ApiProperty({ type: [MunicipalityFiguresDto] }) items: MunicipalityFiguresDto[];
}
export class RegionListingDto {
  @ApiProperty({ type: CycleRefDto }) cycle: CycleRefDto;
  @ApiProperty({ type: [RegionFiguresDto] }) items: RegionFiguresDto[];
}
export class PartyListingDto {
  @ApiProperty({ type: CycleRefDto }) cycle: CycleRefDto;
  @ApiProperty({ type: [PartyFiguresDto] }) items: PartyFiguresDto[];
}
export class SeminarListingDto {
  @ApiProperty({ type: CycleRefDto }) cycle: CycleRefDto;
  @ApiProperty({ type: [SeminarFiguresDto] }) items: SeminarFiguresDto[];
}
export class WaveListingDto {
  @ApiProperty({ type: CycleRefDto }) cycle: CycleRefDto;
  @ApiProperty({ type: [WaveFiguresDto] }) items: WaveFiguresDto[];
}
export class TimelineListingDto {
  @ApiProperty({ type: CycleRefDto }) cycle: CycleRefDto;
  @ApiProperty({ type: [TimelineDayDto] }) items: TimelineDayDto[];
}

export class CycleComparisonDto {
  @ApiProperty({ type: CycleRefDto }) cycle: CycleRefDto;
  @ApiProperty({ type: ParticipationDto }) totals: ParticipationDto;
  @ApiProperty({ type: [RegionFiguresDto] }) regions: RegionFiguresDto[];
}

export class ComparisonDto {
  @ApiProperty({ type: [CycleComparisonDto] }) cycles: CycleComparisonDto[];
}

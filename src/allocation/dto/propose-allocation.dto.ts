import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';

export class ProposeAllocationDto {
  @ApiPropertyOptional({
    description: 'Only the seminars of this wave; all waves of the cycle when left out',
  })
  @IsOptional()
  @IsInt()
  waveId?: number;

  @ApiPropertyOptional({
    description:
      'K: at most this many members of one municipality per seminar (default: capacity / 8, at least 1)',
    example: 3,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  maxPerMunicipality?: number;

  @ApiPropertyOptional({
    description: 'The municipality rule (K); default on. Off: no limit per municipality',
  })
  @IsOptional()
  @IsBoolean()
  municipalityRule?: boolean;

  @ApiPropertyOptional({
    description:
      'P: at most this many members of one party per seminar (a national list letter; each local list counts as a party of its municipality). Giving P turns the party rule on',
    example: 8,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  maxPerParty?: number;

  @ApiPropertyOptional({
    description:
      'The party rule (P); default off, or on when maxPerParty is given. On without maxPerParty: P = capacity / 3, rounded up',
  })
  @IsOptional()
  @IsBoolean()
  partyRule?: boolean;

  @ApiPropertyOptional({
    description:
      'The most seconds the solve may take (default ALLOCATION_TIME_LIMIT_SECONDS); then the best proposal found, with its proven gap',
    example: 60,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3600)
  timeLimitSeconds?: number;

  @ApiPropertyOptional({
    description: 'Also move members already seated in the seminars offered, if that lowers travel',
  })
  @IsOptional()
  @IsBoolean()
  rebalance?: boolean;

  @ApiPropertyOptional({
    description:
      'Re-plan after this seminar changed: only its members move, everyone else keeps the seat. A cancelled seminar: its members who lost the seat. With replanCapacity: the seminar shrinks to that many seats when the proposal is applied, and the surplus (the members with the nearest alternative) moves',
  })
  @IsOptional()
  @IsInt()
  replanSeminarId?: number;

  @ApiPropertyOptional({
    description: 'With replanSeminarId: the capacity the seminar gets, below its seats taken',
    example: 20,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  replanCapacity?: number;

  @ApiPropertyOptional({
    description: 'km taken off the travel for a 1st, 2nd, … choice',
    example: [50, 25, 12.5],
    type: [Number],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { each: true })
  @Min(0, { each: true })
  @Max(1000, { each: true })
  preferenceBonusKm?: number[];
}

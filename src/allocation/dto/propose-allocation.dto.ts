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
    description: 'Also move members already seated in the seminars offered, if that lowers travel',
  })
  @IsOptional()
  @IsBoolean()
  rebalance?: boolean;

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

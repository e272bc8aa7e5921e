import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';

export class ResultsQueryDto {
  @ApiPropertyOptional({ description: 'Only this seminar' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  seminarId?: number;

  @ApiPropertyOptional({ description: 'Only this wave and its seminars' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  waveId?: number;
}

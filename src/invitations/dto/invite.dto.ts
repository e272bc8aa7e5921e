import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional } from 'class-validator';

/** Whom to invite: the newly elected members of the cycle, all or of one municipality or region. */
export class InviteDto {
  @ApiPropertyOptional({ example: 461 })
  @IsOptional()
  @IsInt()
  municipalityCode?: number;

  @ApiPropertyOptional({ example: 1083 })
  @IsOptional()
  @IsInt()
  regionCode?: number;
}

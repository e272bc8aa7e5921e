import { ApiProperty, PartialType } from '@nestjs/swagger';
import { IsISO8601, IsString, MaxLength, MinLength } from 'class-validator';
import { NoControlCharacters } from '../../common/control-characters';

const INSTANT = { strict: true, strictSeparator: true };

export class CreateWaveDto {
  @ApiProperty({ example: 'Periode 1 (januar)' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NoControlCharacters()
  name: string;

  @ApiProperty({ example: '2026-01-05T08:00:00+01:00' })
  @IsISO8601(INSTANT, { message: 'registrationOpensAt must be an ISO 8601 instant' })
  registrationOpensAt: string;

  @ApiProperty({ example: '2026-01-20T23:59:00+01:00' })
  @IsISO8601(INSTANT, { message: 'registrationClosesAt must be an ISO 8601 instant' })
  registrationClosesAt: string;
}

export class UpdateWaveDto extends PartialType(CreateWaveDto) {}

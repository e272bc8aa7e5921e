import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  ValidateNested,
} from 'class-validator';
import { PARTICIPATION_STATUSES, ParticipationStatus } from '../participation';

export class PlannerRegisterDto {
  @ApiProperty()
  @IsInt()
  memberId: number;
}

export class MoveSeatDto {
  @ApiProperty({ description: 'The seminar to move to' })
  @IsInt()
  seminarId: number;
}

export class AttendanceEntryDto {
  @ApiProperty()
  @IsInt()
  registrationId: number;

  @ApiProperty()
  @IsBoolean()
  attended: boolean;
}

export class AttendanceDto {
  @ApiProperty({ type: [AttendanceEntryDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => AttendanceEntryDto)
  records: AttendanceEntryDto[];
}

export class ParticipationQueryDto {
  @ApiPropertyOptional({ enum: PARTICIPATION_STATUSES })
  @IsOptional()
  @IsIn(PARTICIPATION_STATUSES)
  status?: ParticipationStatus;
}

import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, ValidateNested } from 'class-validator';

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

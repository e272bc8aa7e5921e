import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { NoControlCharacters } from '../../common/control-characters';
import { STAFF_ROLES, StaffRole } from '../roles';

export class CreateStaffDto {
  @ApiProperty({ example: 'planlaegger@kl.dk' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Mette Sørensen' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NoControlCharacters()
  name: string;

  @ApiProperty({ minLength: 12 })
  @IsString()
  @MinLength(12, { message: 'password must be at least 12 characters' })
  @MaxLength(200)
  password: string;

  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES)
  role: StaffRole;

  @ApiPropertyOptional({
    example: 461,
    description: "required for the role 'municipality', refused for others",
  })
  @IsOptional()
  @IsInt()
  municipalityCode?: number;
}

export class UpdateStaffDto {
  @ApiPropertyOptional({ enum: STAFF_ROLES })
  @IsOptional()
  @IsIn(STAFF_ROLES)
  role?: StaffRole;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NoControlCharacters()
  name?: string;

  @ApiPropertyOptional({ minLength: 12, description: "a new password; ends the account's sessions" })
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'password must be at least 12 characters' })
  @MaxLength(200)
  password?: string;

  @ApiPropertyOptional({
    description: 'true disables the account (its sessions end); false enables it again',
  })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({ description: "the municipality of an account with the role 'municipality'" })
  @IsOptional()
  @IsInt()
  municipalityCode?: number;
}

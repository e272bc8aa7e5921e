import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { NoControlCharacters } from '../../common/control-characters';
import { IsEmail } from 'class-validator';
import { MEMBER_ROLES, MemberRole } from '../member.entity';

export class CreateMemberDto {
  @ApiProperty({ example: 'Søren Ærø Østergård' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NoControlCharacters()
  name: string;

  @ApiProperty({ example: 'soeren@kommune.dk' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @NoControlCharacters()
  phone?: string | null;

  @ApiProperty({ example: 461 })
  @IsInt()
  municipalityCode: number;

  @ApiProperty({ example: 'A', description: 'the list letter; a local list needs listName too' })
  @IsString()
  @MinLength(1)
  @MaxLength(3)
  @NoControlCharacters()
  listLetter: string;

  @ApiPropertyOptional({ description: 'defaults to the national party of listLetter' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @NoControlCharacters()
  listName?: string;

  @ApiProperty()
  @IsBoolean()
  newlyElected: boolean;

  @ApiPropertyOptional({ enum: MEMBER_ROLES, default: 'member' })
  @IsOptional()
  @IsIn(MEMBER_ROLES)
  role?: MemberRole;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @NoControlCharacters({ multiline: true })
  diet?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @NoControlCharacters({ multiline: true })
  accessibility?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @NoControlCharacters({ multiline: true })
  note?: string | null;
}

export class UpdateMemberDto extends PartialType(CreateMemberDto) {}

/** Filters of the member list and the export. */
export class MemberFilterDto {
  @ApiPropertyOptional({ description: 'municipality code' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  municipality?: number;

  @ApiPropertyOptional({ description: 'region code' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  region?: number;

  @ApiPropertyOptional({ description: 'list letter' })
  @IsOptional()
  @IsString()
  @MaxLength(3)
  list?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'newlyElected must be true or false' })
  newlyElected?: boolean;

  @ApiPropertyOptional({ description: 'part of the name or e-mail' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class MemberListQueryDto extends MemberFilterDto {
  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize?: number;
}

const ROW_LIST = /^\d+(,\d+)*$/;

export class ImportQueryDto {
  @ApiPropertyOptional({ default: true, description: 'false applies the file' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;

  @ApiPropertyOptional({ default: false, description: 'apply the good rows even if some are rejected' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'skipRejected must be true or false' })
  skipRejected?: boolean;

  @ApiPropertyOptional({
    default: false,
    description: 'a file without a Nyvalgt column: import the proposed flags (see newlyElectedProposal)',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'acceptProposal must be true or false' })
  acceptProposal?: boolean;

  @ApiPropertyOptional({
    example: '4,7',
    description: 'rows to import as newly elected, correcting the proposal',
  })
  @IsOptional()
  @Matches(ROW_LIST, { message: 'newlyElected must be row numbers such as 4,7' })
  newlyElected?: string;

  @ApiPropertyOptional({ example: '5', description: 'rows to import as re-elected, correcting the proposal' })
  @IsOptional()
  @Matches(ROW_LIST, { message: 'reElected must be row numbers such as 4,7' })
  reElected?: string;
}

/** `4,7` → [4, 7]; absent → []. */
export function rowNumbers(list: string | undefined): number[] {
  return list ? list.split(',').map(Number) : [];
}

export interface MemberPage<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

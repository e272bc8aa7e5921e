import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import {
  REGISTER_SORTS,
  REGISTER_STATUSES,
  RegisterSort,
  RegisterStatus,
} from '../../invitations/member-register';

/** A filter left at "Alle" arrives as "": no filter. */
const blankIsNone = ({ value }: { value: unknown }) => (value === '' ? undefined : value);
/** A number, or no filter for ""; a bad number fails @IsInt. */
const optionalNumber = ({ value }: { value: unknown }) =>
  value === '' || value === undefined ? undefined : Number(value);

/** The member list's filters, sort and page as the URL carries them (so a list can be linked). */
export class MemberListQuery {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @IsOptional()
  @Transform(optionalNumber)
  @IsInt()
  kommune?: number;

  @IsOptional()
  @Transform(optionalNumber)
  @IsInt()
  region?: number;

  @IsOptional()
  @Transform(blankIsNone)
  @IsString()
  @MaxLength(3)
  liste?: string;

  @IsOptional()
  @Transform(blankIsNone)
  @IsIn(['ja', 'nej'])
  nyvalgt?: 'ja' | 'nej';

  @IsOptional()
  @Transform(blankIsNone)
  @IsIn(REGISTER_STATUSES)
  status?: RegisterStatus;

  @IsOptional()
  @Transform(blankIsNone)
  @IsIn(REGISTER_SORTS)
  sortering?: RegisterSort;

  @IsOptional()
  @Transform(blankIsNone)
  @IsIn(['op', 'ned'])
  retning?: 'op' | 'ned';

  @IsOptional()
  @Transform(optionalNumber)
  @IsInt()
  @Min(1)
  side?: number;

  /** From the participation board of one wave: seat statuses at its seminars only. */
  @IsOptional()
  @Transform(optionalNumber)
  @IsInt()
  boelge?: number;
}

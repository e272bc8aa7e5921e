import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, Matches } from 'class-validator';
import { CsrfForm } from '../../web/page-form';

/** A number, or no filter for ""; a bad number fails @IsInt. */
const optionalNumber = ({ value }: { value: unknown }) =>
  value === '' || value === undefined ? undefined : Number(value);
const numbers = ({ value }: { value: unknown }) =>
  value === undefined ? undefined : (Array.isArray(value) ? value : [value]).map(Number);

/** All of a cycle, one municipality or one region, as the URL carries it. */
export class AreaQuery {
  @IsOptional()
  @Transform(optionalNumber)
  @IsInt()
  kommune?: number;

  @IsOptional()
  @Transform(optionalNumber)
  @IsInt()
  region?: number;
}

/** Whom to remind: those in the area who have not answered, or only the ticked ones among them. */
export class RemindQuery extends AreaQuery {
  @IsOptional()
  @Transform(numbers)
  @IsArray()
  @ArrayMaxSize(5000)
  @IsInt({ each: true })
  medlem?: number[];
}

export class RemindForm extends CsrfForm {
  @IsOptional()
  @Transform(optionalNumber)
  @IsInt()
  kommune?: number;

  @IsOptional()
  @Transform(optionalNumber)
  @IsInt()
  region?: number;

  @IsOptional()
  @Transform(numbers)
  @IsArray()
  @ArrayMaxSize(5000)
  @IsInt({ each: true })
  medlem?: number[];
}

export class InviteForm extends CsrfForm {
  @IsOptional()
  @Transform(optionalNumber)
  @IsInt()
  kommune?: number;

  @IsOptional()
  @Transform(optionalNumber)
  @IsInt()
  region?: number;
}

/** The board's address: the area, and how many reminders were just sent. */
export class BoardQuery extends AreaQuery {
  @IsOptional()
  @Matches(/^\d{1,6}$/)
  sendt?: string;
}

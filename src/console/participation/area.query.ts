import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, Matches } from 'class-validator';
import { CsrfForm } from '../../web/page-form';

/** A municipality's or region's code, or no filter for ""; a bad number fails @IsInt. */
const AreaCode = () =>
  applyDecorators(
    IsOptional(),
    Transform(({ value }: { value: unknown }) =>
      value === '' || value === undefined ? undefined : Number(value),
    ),
    IsInt(),
  );

/** The ticked members (one `medlem` or many). */
const MemberIds = () =>
  applyDecorators(
    IsOptional(),
    Transform(({ value }: { value: unknown }) =>
      value === undefined ? undefined : (Array.isArray(value) ? value : [value]).map(Number),
    ),
    IsArray(),
    ArrayMaxSize(5000),
    IsInt({ each: true }),
  );

/** All of a cycle, one municipality or one region, as the URL carries it. */
export class AreaQuery {
  @AreaCode() kommune?: number;
  @AreaCode() region?: number;
}

/** The board's address: the area, a wave, and how many reminders were just sent. */
export class BoardQuery extends AreaQuery {
  @AreaCode() boelge?: number;

  @IsOptional()
  @Matches(/^\d{1,6}$/)
  sendt?: string;
}

/** Whom to remind: those in the area who have not answered, or only the ticked ones among them. */
export class RemindQuery extends AreaQuery {
  @MemberIds() medlem?: number[];
}

export class InviteForm extends CsrfForm {
  @AreaCode() kommune?: number;
  @AreaCode() region?: number;
}

export class RemindForm extends InviteForm {
  @MemberIds() medlem?: number[];
}

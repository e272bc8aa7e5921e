import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { CsrfForm, Label } from '../../web/page-form';
import { AreaQuery } from '../participation/area.query';
import { trimmed } from '../shell/person.form';
import { ROSTER_NOTICES } from './roster-view';

/** The roster's address: a name search, and the notice a finished action asks for. */
export class RosterQuery {
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(100)
  q?: string;

  @IsOptional()
  @IsIn(Object.keys(ROSTER_NOTICES))
  besked?: string;
}

/** Searching the cycle's members to book in: by name, within a municipality. */
export class BookSearchQuery extends AreaQuery {
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(100)
  q?: string;
}

/** The move page's address may name the seminar to move to (from a refused booking there). */
export class MoveQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  til?: number;
}

export class MoveForm extends CsrfForm {
  @Label('Nyt seminar')
  @Type(() => Number)
  @IsInt()
  seminarId: number;
}

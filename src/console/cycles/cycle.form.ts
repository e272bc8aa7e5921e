import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { NoControlCharacters } from '../../common/control-characters';
import { CYCLE_STATUSES, CycleStatus } from '../../cycles/cycle.entity';
import { CsrfForm, Label } from '../../web/page-form';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export const CYCLE_FIELDS = ['code', 'name', 'electionDate', 'termStart', 'status'] as const;

export const CYCLE_STATUS_TEXT: Record<CycleStatus, string> = {
  planning: 'Under planlægning',
  active: 'I gang',
  closed: 'Lukket',
};

/** A cycle as the console's form posts it; the service checks the dates' order and the code's use. */
export class CycleForm extends CsrfForm {
  @Label('Kode')
  @IsString()
  @IsNotEmpty()
  @Matches(/^[A-Z][A-Z0-9-]{1,19}$/)
  code: string;

  @Label('Navn')
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @NoControlCharacters()
  name: string;

  @Label('Valgdag')
  @IsString()
  @IsNotEmpty()
  @Matches(DATE_ONLY)
  electionDate: string;

  @Label('Valgperioden begynder')
  @IsString()
  @IsNotEmpty()
  @Matches(DATE_ONLY)
  termStart: string;

  @Label('Status')
  @IsOptional()
  @IsIn(CYCLE_STATUSES)
  status?: CycleStatus;
}

import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { ProposeAllocationDto } from '../../allocation/dto/propose-allocation.dto';
import { CsrfForm, Label } from '../../web/page-form';

export const ALLOCATION_FIELDS = ['bolge', 'k', 'kommuneregel', 'p', 'partiregel', 'bonus'] as const;

const LIMIT = /^\s*([1-9]\d{0,2})?\s*$/;
const KM = String.raw`\d{1,3}([.,]\d{1,2})?`;
const BONUS = new RegExp(String.raw`^\s*(${KM}(\s*;\s*${KM})*)?\s*$`);

/**
 * A proposal as the Fordeling page posts it: every field text as typed, so a refused form shows it
 * again. `seminar` and `pladser` come hidden from the re-plan page (a cancelled or shrunk seminar).
 */
export class AllocationForm extends CsrfForm {
  @Label('Bølge')
  @IsOptional()
  @Matches(/^\d{0,9}$/)
  bolge?: string;

  @Label('K: højst fra én kommune pr. seminar')
  @IsOptional()
  @Matches(LIMIT)
  k?: string;

  @Label('Kommunereglen')
  @IsOptional()
  @IsIn(['til', 'fra'])
  kommuneregel?: string;

  @Label('P: højst fra ét parti pr. seminar')
  @IsOptional()
  @Matches(LIMIT)
  p?: string;

  @Label('Partireglen')
  @IsOptional()
  @IsIn(['til', 'fra'])
  partiregel?: string;

  @Label('Bonus for ønsker (km)')
  @IsOptional()
  @IsString()
  @Matches(BONUS)
  bonus?: string;

  @IsOptional()
  @Matches(/^\d{0,9}$/)
  seminar?: string;

  @IsOptional()
  @Matches(/^\d{0,5}$/)
  pladser?: string;
}

const given = (text: string | undefined) => (text?.trim() ? Number(text.trim()) : undefined);

/** The form as the allocation service's request. */
export function proposalRequest(form: AllocationForm): ProposeAllocationDto {
  const partyRule = form.partiregel === 'til';
  return {
    waveId: given(form.bolge),
    municipalityRule: form.kommuneregel !== 'fra',
    maxPerMunicipality: form.kommuneregel === 'fra' ? undefined : given(form.k),
    partyRule,
    maxPerParty: partyRule ? given(form.p) : undefined,
    preferenceBonusKm: (form.bonus ?? '')
      .split(';')
      .map((x) => x.trim())
      .filter(Boolean)
      .map((x) => Number(x.replace(',', '.'))),
    replanSeminarId: given(form.seminar),
    replanCapacity: given(form.pladser),
  };
}

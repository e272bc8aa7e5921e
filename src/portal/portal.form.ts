import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { NoControlCharacters } from '../common/control-characters';
import { CsrfForm, Label } from '../web/page-form';

/** "" (nothing chosen) is no value; anything else becomes a number, and a bad one fails @IsInt. */
const optionalNumber = ({ value }: { value: unknown }) => (value === '' ? undefined : Number(value));

/** One checkbox ticked arrives as a string, several as a list. */
const numberList = ({ value }: { value: unknown }) =>
  value === undefined ? undefined : (Array.isArray(value) ? value : [value]).map(Number);

/** Take a seat, or move to another seminar. */
export class SeminarChoiceForm extends CsrfForm {
  @Label('Seminar')
  @Type(() => Number)
  @IsInt()
  @Min(1)
  seminarId!: number;
}

export class NeedsForm extends CsrfForm {
  @Label('Kost og allergier')
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @NoControlCharacters({ multiline: true })
  diet?: string;

  @Label('Behov for tilgængelighed')
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @NoControlCharacters({ multiline: true })
  accessibility?: string;
}

/** Up to three ranked wishes and the seminars the member cannot attend. */
export class WishesForm extends CsrfForm {
  @Label('1. ønske')
  @IsOptional()
  @Transform(optionalNumber)
  @IsInt()
  @Min(1)
  rank1?: number;

  @Label('2. ønske')
  @IsOptional()
  @Transform(optionalNumber)
  @IsInt()
  @Min(1)
  rank2?: number;

  @Label('3. ønske')
  @IsOptional()
  @Transform(optionalNumber)
  @IsInt()
  @Min(1)
  rank3?: number;

  @Label('Jeg kan ikke deltage i')
  @IsOptional()
  @Transform(numberList)
  @IsInt({ each: true })
  @Min(1, { each: true })
  excluded?: number[];
}

/** "Jeg kan ikke deltage", with a reason if the member wants to give one. */
export class DeclineForm extends CsrfForm {
  @Label('Begrundelse')
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @NoControlCharacters({ multiline: true })
  reason?: string;
}

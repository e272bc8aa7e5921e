import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';
import { NoControlCharacters } from '../../common/control-characters';
import { CsrfForm, Label } from '../../web/page-form';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** An empty text field means "no link": the file field is used instead. */
const blankIsAbsent = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : trimmed({ value });

export const MATERIAL_FIELDS = ['titel', 'hoererTil', 'dato', 'tid', 'link'] as const;

/** The link field of a new material and of a replacement; a file goes beside it as `fil`. */
export class MaterialContentForm extends CsrfForm {
  @Label('Link')
  @IsOptional()
  @Transform(blankIsAbsent)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2000)
  link?: string;
}

/** A new material as the Materialer page posts it (multipart: `fil` holds the file, if any). */
export class MaterialForm extends MaterialContentForm {
  @Label('Titel')
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @NoControlCharacters()
  titel: string;

  /** `alle` for the whole cycle, else a seminar's id. */
  @Label('Hører til')
  @IsString()
  @Matches(/^(alle|\d{1,9})$/)
  hoererTil: string;

  @Label('Tilgængelig fra dato')
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  dato: string;

  @Label('Klokkeslæt')
  @IsString()
  @Matches(/^\d{2}[:.]\d{2}$/)
  tid: string;
}

import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { NoControlCharacters } from '../../common/control-characters';
import { CsrfForm, Label } from '../../web/page-form';

export const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A person's name and e-mail, as the member and contact forms both ask for them. */
export class PersonForm extends CsrfForm {
  @Label('Navn')
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @NoControlCharacters()
  name: string;

  @Label('E-mail')
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @IsEmail()
  @MaxLength(254)
  email: string;
}

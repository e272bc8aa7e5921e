import { Transform, Type } from 'class-transformer';
import { IsEmail, IsInt, IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';
import { NoControlCharacters } from '../../common/control-characters';
import { CsrfForm, Label } from '../../web/page-form';

export const CONTACT_FIELDS = ['name', 'email', 'municipalityCode', 'password'] as const;

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A municipal contact's account, made by an admin. */
export class ContactForm extends CsrfForm {
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

  @Label('Kommune')
  @Type(() => Number)
  @IsInt()
  municipalityCode: number;

  @Label('Første adgangskode')
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password: string;
}

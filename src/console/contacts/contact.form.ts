import { Type } from 'class-transformer';
import { IsInt, IsString, MaxLength, MinLength } from 'class-validator';
import { Label } from '../../web/page-form';
import { PersonForm } from '../shell/person.form';

export const CONTACT_FIELDS = ['name', 'email', 'municipalityCode', 'password'] as const;

/** A municipal contact's account, made by an admin. */
export class ContactForm extends PersonForm {
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

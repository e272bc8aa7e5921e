import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CsrfForm, Label } from '../web/page-form';

/** Both fields are checked after the form's CSRF fields, so an empty or forged form is told which. */
export class SignInForm extends CsrfForm {
  @Label('E-mail')
  @IsOptional()
  @IsString()
  @MaxLength(320)
  email?: string;

  @Label('Adgangskode')
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  password?: string;
}

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

/** The second step: the app's code, or a recovery code. */
export class CodeForm extends CsrfForm {
  @Label('Kode')
  @IsOptional()
  @IsString()
  @MaxLength(40)
  code?: string;
}

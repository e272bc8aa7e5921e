import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { NoControlCharacters } from '../../common/control-characters';
import { CsrfForm, Label } from '../../web/page-form';
import { QUESTION_TYPES } from './questionnaire-edit';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const QUESTION_FIELDS = [
  'tekst',
  'type',
  'paakraevet',
  'lavest',
  'hoejest',
  'valgmuligheder',
] as const;

/** A question as the questionnaire page posts it; what its type needs besides is checked by questionFrom. */
export class QuestionForm extends CsrfForm {
  @Label('Spørgsmål')
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  @NoControlCharacters()
  tekst: string;

  @Label('Type')
  @IsIn(Object.keys(QUESTION_TYPES))
  type: keyof typeof QUESTION_TYPES;

  @Label('Skal besvares')
  @IsOptional()
  @IsIn(['ja'])
  paakraevet?: 'ja';

  @Label('Det laveste svar (1) betyder')
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @NoControlCharacters()
  lavest?: string;

  @Label('Det højeste svar (5) betyder')
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @NoControlCharacters()
  hoejest?: string;

  @Label('Valgmuligheder')
  @IsOptional()
  @IsString()
  @MaxLength(4400)
  @NoControlCharacters({ multiline: true })
  valgmuligheder?: string;
}

/** Moving a question: one place up or down. */
export class MoveForm extends CsrfForm {
  @IsIn(['op', 'ned'])
  retning: 'op' | 'ned';
}

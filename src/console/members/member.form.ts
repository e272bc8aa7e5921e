import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { NoControlCharacters } from '../../common/control-characters';
import { UpdateMemberDto } from '../../cycles/dto/member.dto';
import { MEMBER_ROLES, MemberRole } from '../../cycles/member.entity';
import { Label } from '../../web/page-form';
import { PersonForm, trimmed } from '../shell/person.form';

export const MEMBER_FIELDS = [
  'name',
  'email',
  'phone',
  'municipalityCode',
  'listLetter',
  'listName',
  'newlyElected',
  'role',
  'diet',
  'accessibility',
  'note',
] as const;

/** A member as the console's form posts it (a municipal contact's form has no municipality field). */
export class MemberForm extends PersonForm {
  @Label('Telefon')
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(40)
  @NoControlCharacters()
  phone?: string;

  @Label('Kommune')
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  municipalityCode?: number;

  @Label('Partibogstav')
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(3)
  @NoControlCharacters()
  listLetter: string;

  @Label('Listenavn')
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(200)
  @NoControlCharacters()
  listName?: string;

  @Label('Nyvalgt')
  @IsIn(['ja', 'nej'])
  newlyElected: 'ja' | 'nej';

  @Label('Rolle')
  @IsIn(MEMBER_ROLES)
  role: MemberRole;

  @Label('Kost og allergier')
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @NoControlCharacters({ multiline: true })
  diet?: string;

  @Label('Tilgængelighed')
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @NoControlCharacters({ multiline: true })
  accessibility?: string;

  @Label('Note')
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @NoControlCharacters({ multiline: true })
  note?: string;
}

const orNull = (text: string | undefined) => (text ? text : null);

/** The change for MembersService.update(); an empty list name means the national party of the letter. */
export function memberChange(form: MemberForm): UpdateMemberDto {
  return {
    name: form.name,
    email: form.email,
    phone: orNull(form.phone),
    ...(form.municipalityCode !== undefined ? { municipalityCode: form.municipalityCode } : {}),
    listLetter: form.listLetter.toUpperCase(),
    ...(form.listName ? { listName: form.listName } : {}),
    newlyElected: form.newlyElected === 'ja',
    role: form.role,
    diet: orNull(form.diet),
    accessibility: orNull(form.accessibility),
    note: orNull(form.note),
  };
}

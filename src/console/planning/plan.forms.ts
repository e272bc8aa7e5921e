import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { NoControlCharacters } from '../../common/control-characters';
import { CsrfForm, Label } from '../../web/page-form';
import { trimmed } from '../shell/person.form';
import { IsLatitude, IsLocalDate, IsLocalTime, IsLongitude } from './plan-fields';

const ID = /^\d{1,9}$/;

export const VENUE_FIELDS = [
  'name',
  'address',
  'postalCode',
  'town',
  'municipalityCode',
  'latitude',
  'longitude',
] as const;

/** A venue; its place is typed (latitude and longitude) or a municipality's reference point. */
export class VenueForm extends CsrfForm {
  @Label('Navn')
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @NoControlCharacters()
  name: string;

  @Label('Adresse')
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  @NoControlCharacters()
  address: string;

  @Label('Postnummer')
  @Transform(trimmed)
  @IsString()
  @Matches(/^\d{4}$/)
  postalCode: string;

  @Label('By')
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @NoControlCharacters()
  town: string;

  @Label('Kommunens referencepunkt')
  @IsOptional()
  @Matches(/^(\d{3})?$/)
  municipalityCode?: string;

  @Label('Breddegrad')
  @IsOptional()
  @IsLatitude({ orEmpty: true })
  latitude?: string;

  @Label('Længdegrad')
  @IsOptional()
  @IsLongitude({ orEmpty: true })
  longitude?: string;
}

export const WAVE_FIELDS = [
  'name',
  'registrationOpensAt',
  'registrationOpensAtTime',
  'registrationClosesAt',
  'registrationClosesAtTime',
] as const;

/** A wave's name and registration window, each end a day and a time in Danish time. */
export class WaveForm extends CsrfForm {
  @Label('Navn')
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @NoControlCharacters()
  name: string;

  @Label('Tilmeldingen åbner (dag)')
  @IsLocalDate()
  registrationOpensAt: string;

  @Label('Tilmeldingen åbner (klokkeslæt)')
  @IsLocalTime()
  registrationOpensAtTime: string;

  @Label('Tilmeldingen lukker (dag)')
  @IsLocalDate()
  registrationClosesAt: string;

  @Label('Tilmeldingen lukker (klokkeslæt)')
  @IsLocalTime()
  registrationClosesAtTime: string;
}

export const SEMINAR_FIELDS = [
  'waveId',
  'title',
  'venueId',
  'startsAt',
  'startsAtTime',
  'endsAt',
  'endsAtTime',
  'capacity',
  'registrationDeadline',
  'registrationDeadlineTime',
  'status',
] as const;

/** A seminar; the days are date fields and the times time fields, read in Danish time. */
export class SeminarForm extends CsrfForm {
  @Label('Bølge')
  @IsOptional()
  @Matches(ID)
  waveId?: string;

  @Label('Titel')
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @NoControlCharacters()
  title: string;

  @Label('Kursussted')
  @Matches(ID)
  venueId: string;

  @Label('Begynder (dag)')
  @IsLocalDate()
  startsAt: string;

  @Label('Begynder (klokkeslæt)')
  @IsLocalTime()
  startsAtTime: string;

  @Label('Slutter (dag)')
  @IsLocalDate()
  endsAt: string;

  @Label('Slutter (klokkeslæt)')
  @IsLocalTime()
  endsAtTime: string;

  @Label('Pladser')
  @Transform(trimmed)
  @Matches(/^\d{1,4}$/)
  capacity: string;

  @Label('Tilmeldingsfrist (dag)')
  @IsLocalDate()
  registrationDeadline: string;

  @Label('Tilmeldingsfrist (klokkeslæt)')
  @IsLocalTime()
  registrationDeadlineTime: string;

  /** Absent for a seminar that has been held: it keeps its status. */
  @Label('Status')
  @IsOptional()
  @IsIn(['draft', 'published', 'cancelled'])
  status?: 'draft' | 'published' | 'cancelled';

  /** Set by the page that showed who gets a change e-mail. */
  @IsOptional()
  @IsIn(['1'])
  confirmed?: string;
}

export const AGENDA_FIELDS = ['date', 'time', 'title', 'speaker'] as const;

/** One point of the programme. */
export class AgendaItemForm extends CsrfForm {
  @Label('Dag')
  @IsLocalDate()
  date: string;

  @Label('Klokkeslæt')
  @IsLocalTime()
  time: string;

  @Label('Punkt')
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  @NoControlCharacters()
  title: string;

  @Label('Oplægsholder')
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(200)
  @NoControlCharacters()
  speaker?: string;
}

export class AgendaMoveForm extends CsrfForm {
  @IsIn(['up', 'down'])
  direction: 'up' | 'down';
}

export const COPY_ROWS = [1, 2, 3, 4] as const;

const OPTIONAL_ID = /^(\d{1,9})?$/;

/** Up to four new first days, each with a venue (empty: the venue of the seminar copied). */
export class CopySeminarForm extends CsrfForm {
  @Label('1. kopi, første dag')
  @IsOptional()
  @IsLocalDate({ orEmpty: true })
  date1?: string;

  @Label('2. kopi, første dag')
  @IsOptional()
  @IsLocalDate({ orEmpty: true })
  date2?: string;

  @Label('3. kopi, første dag')
  @IsOptional()
  @IsLocalDate({ orEmpty: true })
  date3?: string;

  @Label('4. kopi, første dag')
  @IsOptional()
  @IsLocalDate({ orEmpty: true })
  date4?: string;

  @IsOptional() @Matches(OPTIONAL_ID) venue1?: string;
  @IsOptional() @Matches(OPTIONAL_ID) venue2?: string;
  @IsOptional() @Matches(OPTIONAL_ID) venue3?: string;
  @IsOptional() @Matches(OPTIONAL_ID) venue4?: string;
}

/** A copy of a wave: its name and window, moved by a number of days or to a new first day. */
export class CopyWaveForm extends WaveForm {
  @Label('Antal dage senere')
  @IsOptional()
  @Transform(trimmed)
  @Matches(/^(-?\d{1,3})?$/)
  days?: string;

  @Label('Ny første dag')
  @IsOptional()
  @IsLocalDate({ orEmpty: true })
  startDate?: string;
}

/** A table of seminars pasted from a spreadsheet, for a wave; `commit` once the preview is clean. */
export class SeminarTableForm extends CsrfForm {
  @Label('Bølge')
  @Matches(ID)
  waveId: string;

  @Label('Tabel')
  @IsOptional()
  @IsString()
  @MaxLength(200_000)
  @NoControlCharacters({ multiline: true })
  table?: string;

  @IsOptional()
  @IsIn(['1'])
  commit?: string;
}

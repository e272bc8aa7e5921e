import { DomainError } from '../../common/domain-error';
import { foldName } from '../member-rules';

export type ImportField =
  | 'name'
  | 'firstName'
  | 'lastName'
  | 'email'
  | 'phone'
  | 'municipality'
  | 'municipalityCode'
  | 'municipalityName'
  | 'list'
  | 'listLetter'
  | 'listName'
  | 'newlyElected'
  | 'role'
  | 'diet'
  | 'accessibility'
  | 'note';

/** Header names as municipalities write them, Danish and English, folded (see foldName). */
const ALIASES: Record<ImportField, string[]> = {
  name: ['navn', 'name', 'fuldtnavn', 'fuldenavn', 'fullname', 'medlem', 'kandidat'],
  firstName: ['fornavn', 'firstname', 'givenname'],
  lastName: ['efternavn', 'lastname', 'surname', 'familyname'],
  email: ['email', 'mail', 'emailadresse', 'mailadresse', 'emailaddress'],
  phone: ['telefon', 'tlf', 'tlfnr', 'telefonnummer', 'telefonnr', 'mobil', 'mobilnummer', 'phone', 'mobile'],
  municipality: ['kommune', 'municipality'],
  municipalityCode: ['kommunekode', 'kommunenr', 'kommunenummer', 'municipalitycode'],
  municipalityName: ['kommunenavn', 'municipalityname'],
  list: ['parti', 'liste', 'party', 'list', 'partiliste'],
  listLetter: ['partibogstav', 'listebogstav', 'bogstav', 'letter', 'listletter', 'partyletter'],
  listName: ['listenavn', 'partinavn', 'listname', 'partyname'],
  newlyElected: ['nyvalgt', 'ny', 'newlyelected', 'new', 'firsttime'],
  role: ['rolle', 'funktion', 'hverv', 'role', 'position', 'post'],
  diet: ['kost', 'diaet', 'kosthensyn', 'kostallergier', 'allergier', 'allergi', 'diet', 'dietary', 'food'],
  accessibility: ['tilgaengelighed', 'handicap', 'saerligebehov', 'accessibility', 'access'],
  note: ['note', 'noter', 'bemaerkning', 'bemaerkninger', 'kommentar', 'comment', 'comments', 'notes'],
};

const FIELD_BY_ALIAS = new Map(
  (Object.entries(ALIASES) as Array<[ImportField, string[]]>).flatMap(([field, names]) =>
    names.map((n) => [n, field] as const),
  ),
);

/** `E-mail`, ` Nyvalgt (ja/nej) `, `KOMMUNE` → a field, or undefined for a column we do not read. */
export function fieldOfHeader(header: string): ImportField | undefined {
  return FIELD_BY_ALIAS.get(foldName(header.replace(/\(.*\)/g, '')).replace(/[^a-z0-9]/g, ''));
}

/** A header row that cannot be used; beside the API's details, each problem in Danish for the pages. */
export class HeaderInvalid extends DomainError {
  readonly danish: string[];

  constructor(problems: Array<{ field: string; reason: string; danish: string }>) {
    super(
      'validation_failed',
      'import.header_invalid',
      `The header row cannot be used: ${problems.map((p) => p.reason).join('; ')}`,
      problems.map(({ field, reason }) => ({ field, reason })),
    );
    this.danish = problems.map((p) => p.danish);
  }
}

export interface ColumnMap {
  index: Partial<Record<ImportField, number>>;
  ignored: string[];
}

/**
 * Maps the header row; a missing required column or a field named twice stops the whole file.
 * Nyvalgt may be missing: election results do not carry it, so the import proposes it instead.
 */
export function mapColumns(header: string[]): ColumnMap {
  const index: ColumnMap['index'] = {};
  const ignored: string[] = [];
  const problems: Array<{ field: string; reason: string; danish: string }> = [];
  header.forEach((raw, i) => {
    const field = fieldOfHeader(raw);
    if (!field) {
      if (raw.trim()) ignored.push(raw.trim());
      return;
    }
    if (index[field] !== undefined) {
      problems.push({
        field: 'file',
        reason: `two columns mean ${field}: "${header[index[field]]}" and "${raw}"`,
        danish: `"${header[index[field]]}" og "${raw}" betyder det samme`,
      });
      return;
    }
    index[field] = i;
  });
  const has = (f: ImportField) => index[f] !== undefined;
  const missing = (reason: string, danish: string) =>
    problems.push({ field: 'file', reason, danish: `der er ingen kolonne ${danish}` });
  if (!has('name') && !(has('firstName') && has('lastName')))
    missing('no column for the name (Navn/name)', 'Navn (eller Fornavn og Efternavn)');
  if (!has('email')) missing('no column for the e-mail (E-mail/email)', 'E-mail');
  if (!has('municipality') && !has('municipalityCode') && !has('municipalityName'))
    missing('no column for the municipality (Kommune)', 'Kommune');
  if (!has('list') && !has('listLetter') && !has('listName'))
    missing('no column for the list (Parti/Partibogstav/Liste)', 'Parti (eller Partibogstav eller Liste)');
  if (problems.length > 0) throw new HeaderInvalid(problems);
  return { index, ignored };
}

const HEADER_SEARCH_ROWS = 10;

/**
 * The header row: the first row among the first few that names the required columns, as files
 * often carry a title such as "Valgte ved KV25" above it. Without one, the first non-empty row's
 * problems are reported.
 */
export function findHeader(rows: string[][]): { headerIndex: number; columns: ColumnMap } {
  let firstProblem: unknown;
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    if (rows[i].every((cell) => !cell?.trim())) continue;
    try {
      return { headerIndex: i, columns: mapColumns(rows[i]) };
    } catch (error) {
      firstProblem ??= error;
    }
  }
  throw (
    firstProblem ??
    new DomainError('validation_failed', 'import.header_missing', 'The file has no header row', [
      { field: 'file', reason: 'empty' },
    ])
  );
}

import { foldControlCharacters, foldToOneLine } from '../../common/control-characters';
import { MemberRole } from '../member.entity';
import {
  isEmail,
  MEMBER_FIELD_LIMITS,
  MemberFields,
  normalizeEmail,
  ReferenceLookup,
  resolveList,
  splitListCell,
} from '../member-rules';
import { ColumnMap, ImportField } from './columns';
import { looksLikeCpr, RowProblem, rowProblem } from './row-problem';

/** Absent when the file has no column for it; newly elected then comes from the proposal. */
export type OptionalField = 'phone' | 'role' | 'diet' | 'accessibility' | 'note' | 'newlyElected';

/** A row read from a file; an optional field is absent when the file has no column for it. */
export type ImportedMember = Omit<MemberFields, OptionalField> & Partial<Pick<MemberFields, OptionalField>>;

export type ParsedRow<M extends ImportedMember = ImportedMember> =
  | { row: number; ok: true; member: M }
  | {
      row: number;
      ok: false;
      name: string | null;
      email: string | null;
      municipalityCode: number | null;
      reasons: RowProblem[];
    };

const YES = new Set(['ja', 'j', 'x', '1', 'true', 'yes', 'y', 'sand', 'nyvalgt']);
const NO = new Set(['nej', 'n', '0', 'false', 'no', 'falsk', 'genvalgt', '']);

const ROLES: Record<string, MemberRole> = {
  '': 'member',
  medlem: 'member',
  member: 'member',
  kommunalbestyrelsesmedlem: 'member',
  byraadsmedlem: 'member',
  borgmester: 'mayor',
  mayor: 'mayor',
  viceborgmester: 'deputy_mayor',
  '1viceborgmester': 'deputy_mayor',
  '2viceborgmester': 'deputy_mayor',
  deputymayor: 'deputy_mayor',
  udvalgsformand: 'committee_chair',
  formand: 'committee_chair',
  committeechair: 'committee_chair',
  chair: 'committee_chair',
};

function foldRole(value: string): string {
  return value
    .toLowerCase()
    .replace(/å/g, 'aa')
    .replace(/[^a-z0-9]/g, '');
}

/** A cell Excel could have run as a formula, neutralised on export with a leading apostrophe. */
function unneutralise(value: string): string {
  return /^'[=+\-@]/.test(value) ? value.slice(1) : value;
}

/** The municipality from every column that names it (code and name may both be given, and must agree). */
function readMunicipality(values: string[], lookup: ReferenceLookup, reasons: RowProblem[]): number | null {
  if (values.length === 0) {
    reasons.push(rowProblem('municipality', 'missing', 'missing'));
    return null;
  }
  const codes = values.map((value) => lookup.municipality(value));
  const unknown = values.filter((_, i) => codes[i] === null);
  if (unknown.length > 0) {
    reasons.push(
      rowProblem('municipality', 'municipality_unknown', `unknown municipality "${unknown[0]}"`, {
        value: unknown[0],
      }),
    );
    return null;
  }
  if (new Set(codes).size > 1) {
    reasons.push(
      rowProblem(
        'municipality',
        'municipality_disagree',
        `"${values.join('" and "')}" are not the same municipality`,
        {
          values: `"${values.join('" og "')}"`,
        },
      ),
    );
    return null;
  }
  return codes[0];
}

/** One data row of the file: the member it describes, or every reason it cannot be used. */
export function parseMemberRow(
  cells: string[],
  rowNumber: number,
  columns: ColumnMap,
  lookup: ReferenceLookup,
): ParsedRow {
  const reasons: RowProblem[] = [];
  const has = (f: ImportField) => columns.index[f] !== undefined;
  // The API refuses control characters in these fields (NoControlCharacters on the member DTOs);
  // a file gets them from spreadsheet cells with line breaks, so the import folds them instead:
  // one-line fields to one line, multi-line fields keep their line breaks and tabs only.
  const raw = (f: ImportField): string => {
    const i = columns.index[f];
    return i === undefined ? '' : (cells[i] ?? '');
  };
  const cell = (f: ImportField): string => unneutralise(foldToOneLine(raw(f)));
  const multiline = (f: ImportField): string => unneutralise(foldControlCharacters(raw(f)).trim());
  const text = (f: ImportField, field: keyof typeof MEMBER_FIELD_LIMITS, value = cell(f)): string | null => {
    const max = MEMBER_FIELD_LIMITS[field];
    if (value.length > max)
      reasons.push(rowProblem(field, 'too_long', `longer than ${max} characters`, { max }));
    if (looksLikeCpr(value)) reasons.push(rowProblem(field, 'cpr_like', 'looks like a CPR number'));
    return value || null;
  };
  const optional = (f: 'phone' | 'diet' | 'accessibility' | 'note') =>
    has(f) ? text(f, f, f === 'phone' ? cell(f) : multiline(f)) : undefined;

  const fullName = has('name') ? cell('name') : `${cell('firstName')} ${cell('lastName')}`.trim();
  const name = text('name', 'name', fullName);
  if (!name) reasons.push(rowProblem('name', 'missing', 'missing'));

  const rawEmail = normalizeEmail(cell('email'));
  const email = rawEmail || null;
  if (!email) reasons.push(rowProblem('email', 'missing', 'missing'));
  else if (!isEmail(email) || email.length > MEMBER_FIELD_LIMITS.email)
    reasons.push(
      rowProblem('email', 'email_invalid', `"${email}" is not an e-mail address`, { value: email }),
    );

  const municipalityCode = readMunicipality(
    (['municipalityCode', 'municipality', 'municipalityName'] as const).map(cell).filter(Boolean),
    lookup,
    reasons,
  );

  const split = has('list') ? splitListCell(cell('list')) : { letter: null, name: null };
  const list = resolveList(
    has('listLetter') ? cell('listLetter') : split.letter,
    has('listName') ? cell('listName') || split.name : split.name,
    lookup,
  );
  if ('problem' in list) reasons.push(rowProblem('list', list.code, list.problem, list.params));
  else text('listName', 'listName', list.name);

  const elected = cell('newlyElected').toLowerCase();
  const newlyElected = !has('newlyElected')
    ? undefined
    : YES.has(elected)
      ? true
      : NO.has(elected)
        ? false
        : null;
  if (newlyElected === null)
    reasons.push(
      rowProblem(
        'newlyElected',
        'newly_elected_invalid',
        `"${cell('newlyElected')}" is not ja/nej, x/blank, 1/0 or true/false`,
        { value: cell('newlyElected') },
      ),
    );

  const role = has('role') ? ROLES[foldRole(cell('role'))] : undefined;
  if (has('role') && !role)
    reasons.push(
      rowProblem('role', 'role_unknown', `unknown role "${cell('role')}"`, { value: cell('role') }),
    );

  const phone = optional('phone');
  const diet = optional('diet');
  const accessibility = optional('accessibility');
  const note = optional('note');

  if (
    reasons.length > 0 ||
    !name ||
    !email ||
    municipalityCode === null ||
    'problem' in list ||
    newlyElected === null
  ) {
    return { row: rowNumber, ok: false, name, email, municipalityCode, reasons };
  }
  const member: ImportedMember = {
    name,
    email,
    municipalityCode,
    listLetter: list.letter,
    listName: list.name,
  };
  if (newlyElected !== undefined) member.newlyElected = newlyElected;
  if (phone !== undefined) member.phone = phone;
  if (role !== undefined) member.role = role;
  if (diet !== undefined) member.diet = diet;
  if (accessibility !== undefined) member.accessibility = accessibility;
  if (note !== undefined) member.note = note;
  return { row: rowNumber, ok: true, member };
}

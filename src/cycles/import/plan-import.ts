import { MemberFields } from '../member-rules';
import { ImportedMember, ParsedRow } from './member-row';
import { RowProblem, rowProblem } from './row-problem';

export type RowStatus = 'created' | 'updated' | 'unchanged' | 'rejected';

export interface RowReport {
  row: number;
  status: RowStatus;
  name: string | null;
  email: string | null;
  memberId?: number;
  /** The fields an update changes (names only). */
  changes?: string[];
  reasons?: RowProblem[];
}

export interface ImportSummary {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** The part of an existing member an import compares with. */
export type ExistingMember = Pick<MemberFields, keyof MemberFields> & { id: number };

/** A row whose Nyvalgt flag is known, from its column or from the confirmed proposal. */
export type DecidedMember = ImportedMember & { newlyElected: boolean };

export interface ImportPlan {
  rows: RowReport[];
  summary: ImportSummary;
  creates: DecidedMember[];
  updates: Array<{ id: number; email: string; changes: Partial<MemberFields> }>;
}

const COMPARED: Array<keyof MemberFields> = [
  'name',
  'phone',
  'municipalityCode',
  'listLetter',
  'listName',
  'newlyElected',
  'role',
  'diet',
  'accessibility',
  'note',
];

/**
 * What importing the parsed rows into a cycle with these members would do, row by row. Pure: the
 * dry run and the commit both report from this one plan. A member is recognised by e-mail. With a
 * municipality (a municipal contact's import), a row of any other municipality is rejected.
 */
export function planImport(
  parsed: ParsedRow<DecidedMember>[],
  existing: ExistingMember[],
  municipality: number | null = null,
): ImportPlan {
  const byEmail = new Map(existing.filter((m) => m.email).map((m) => [m.email, m]));
  const rowsByEmail = new Map<string, number[]>();
  for (const p of parsed) {
    const email = p.ok ? p.member.email : p.email;
    if (email) rowsByEmail.set(email, [...(rowsByEmail.get(email) ?? []), p.row]);
  }

  const plan: ImportPlan = {
    rows: [],
    summary: { rows: parsed.length, created: 0, updated: 0, unchanged: 0, rejected: 0 },
    creates: [],
    updates: [],
  };
  for (const p of parsed) {
    const email = p.ok ? p.member.email : p.email;
    const name = p.ok ? p.member.name : p.name;
    const reasons = p.ok ? [] : [...p.reasons];
    const municipalityCode = p.ok ? p.member.municipalityCode : p.municipalityCode;
    if (municipality !== null && municipalityCode !== null && municipalityCode !== municipality) {
      reasons.push(rowProblem('municipality', 'other_municipality', 'not the municipality of this account'));
    }
    const sameEmailRows = email ? (rowsByEmail.get(email) ?? []) : [];
    if (sameEmailRows.length > 1) {
      reasons.push(
        rowProblem(
          'email',
          'duplicate_in_file',
          `duplicate within the file (rows ${sameEmailRows.join(', ')})`,
          {
            rows: sameEmailRows.join(', '),
          },
        ),
      );
    }
    const match = email ? byEmail.get(email) : undefined;
    if (match && municipalityCode !== null && match.municipalityCode !== municipalityCode) {
      reasons.push(
        rowProblem(
          'email',
          'email_in_other_municipality',
          'same e-mail as another member of the cycle, in another municipality',
        ),
      );
    }
    if (!p.ok || reasons.length > 0) {
      plan.rows.push({ row: p.row, status: 'rejected', name, email, reasons });
      plan.summary.rejected++;
      continue;
    }
    if (!match) {
      plan.rows.push({ row: p.row, status: 'created', name, email });
      plan.creates.push(p.member);
      plan.summary.created++;
      continue;
    }
    const changes = changedFields(match, p.member);
    const names = Object.keys(changes);
    if (names.length === 0) {
      plan.rows.push({ row: p.row, status: 'unchanged', name, email, memberId: match.id });
      plan.summary.unchanged++;
    } else {
      plan.rows.push({ row: p.row, status: 'updated', name, email, memberId: match.id, changes: names });
      plan.updates.push({ id: match.id, email: p.member.email, changes });
      plan.summary.updated++;
    }
  }
  return plan;
}

/** Only the fields the file has a column for and whose value differs. */
function changedFields(current: ExistingMember, incoming: ImportedMember): Partial<MemberFields> {
  const changes: Partial<Record<keyof MemberFields, unknown>> = {};
  for (const field of COMPARED) {
    const value = incoming[field];
    if (value !== undefined && value !== current[field]) changes[field] = value;
  }
  return changes as Partial<MemberFields>;
}

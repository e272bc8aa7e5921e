import { foldName } from '../member-rules';

/** A member of the previous cycle, as the proposal compares with. */
export interface PreviousMember {
  id: number;
  name: string | null;
  municipalityCode: number;
}

/** A row of the file the proposal is about. */
export interface ProposalRow {
  row: number;
  name: string;
  municipalityCode: number;
}

export interface NewlyElectedMatch extends ProposalRow {
  /** The member of the previous cycle with the same name in the same municipality, if any. */
  previous: { memberId: number; name: string } | null;
  /** What the match says: no match → newly elected. */
  proposed: boolean;
  /** The flag the import uses: the proposal, or the planner's correction. */
  newlyElected: boolean;
  corrected: boolean;
}

/** The planner's answer to a proposal: accept it, with the rows they corrected. */
export interface NewlyElectedDecisions {
  accept: boolean;
  /** Rows to import as newly elected whatever the proposal says. */
  newlyElected: number[];
  /** Rows to import as re-elected whatever the proposal says. */
  reElected: number[];
}

export const NO_DECISIONS: NewlyElectedDecisions = { accept: false, newlyElected: [], reElected: [] };

/**
 * A name as the same person is spelt in two files: case, spaces, hyphens and dots do not count,
 * æ/ae, ø/oe, å/aa are one letter (Søren Ærø = SOEREN AEROE), and so are ö/ø, ä/æ and é/e.
 */
export function nameKey(name: string): string {
  const danish = name
    .normalize('NFC')
    .toLowerCase()
    .replace(/ö/g, 'ø')
    .replace(/ä/g, 'æ')
    .replace(/å/g, 'aa');
  // Other accents (é, ü) go; æ and ø have no decomposition, so they stay for foldName to spell out.
  return foldName(danish.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
}

/**
 * Proposes each row's Nyvalgt flag from the previous cycle's register: a member with the same
 * municipality and the same name (see nameKey) was elected before, anybody else is newly elected.
 * The decisions then correct single rows. Pure: the dry run and the commit both use it.
 */
export function proposeNewlyElected(
  rows: ProposalRow[],
  previous: PreviousMember[],
  decisions: NewlyElectedDecisions = NO_DECISIONS,
): NewlyElectedMatch[] {
  const known = new Map<string, { memberId: number; name: string }>();
  for (const member of previous) {
    if (member.name === null) continue;
    const key = `${member.municipalityCode}:${nameKey(member.name)}`;
    if (!known.has(key)) known.set(key, { memberId: member.id, name: member.name });
  }
  const toNew = new Set(decisions.newlyElected);
  const toRe = new Set(decisions.reElected);
  return rows.map((row) => {
    const match = known.get(`${row.municipalityCode}:${nameKey(row.name)}`) ?? null;
    const proposed = match === null;
    const newlyElected = toNew.has(row.row) ? true : toRe.has(row.row) ? false : proposed;
    return { ...row, previous: match, proposed, newlyElected, corrected: newlyElected !== proposed };
  });
}

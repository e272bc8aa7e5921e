import { danishRowText, danishText } from '../../common/danish-messages';
import { ImportJobView } from '../../cycles/import/import-jobs.service';
import { RowReport, RowStatus } from '../../cycles/import/plan-import';

export const PAGE_SIZE = 100;

/** What a row does, said before the commit and after it. */
const STATUS_TEXT: Record<RowStatus, { before: string; after: string }> = {
  created: { before: 'Oprettes', after: 'Oprettet' },
  updated: { before: 'Opdateres', after: 'Opdateret' },
  unchanged: { before: 'Uændret', after: 'Uændret' },
  rejected: { before: 'Afvist', after: 'Afvist' },
};

/** The report's filter tabs, in the order shown; the URL word is Danish. */
export const FILTERS = [
  { word: 'alle', label: 'Alle', status: null },
  { word: 'afviste', label: 'Afvist', status: 'rejected' },
  { word: 'oprettes', label: 'Oprettes', status: 'created' },
  { word: 'opdateres', label: 'Opdateres', status: 'updated' },
  { word: 'uaendrede', label: 'Uændret', status: 'unchanged' },
] as const;
export type FilterWord = (typeof FILTERS)[number]['word'];

const FIELD_TEXT: Record<string, string> = {
  name: 'navn',
  phone: 'telefon',
  municipalityCode: 'kommune',
  listLetter: 'listebogstav',
  listName: 'listenavn',
  newlyElected: 'nyvalgt',
  role: 'rolle',
  diet: 'kost',
  accessibility: 'tilgængelighed',
  note: 'note',
};

/** A job's state in one Danish line, and whether the page should keep asking for news. */
export function jobState(job: ImportJobView): { text: string; running: boolean; percent: number | null } {
  const of = (verb: string) =>
    job.total > 0 ? `${verb} række ${job.done} af ${job.total}` : `${verb} filen`;
  const percent = job.total > 0 ? Math.floor((job.done / job.total) * 100) : null;
  switch (job.status) {
    case 'queued':
      return { text: 'Venter på at blive kontrolleret', running: true, percent: null };
    case 'checking':
      return { text: of('Kontrollerer'), running: true, percent };
    case 'checked':
      return { text: 'Kontrolleret – klar til at blive indlæst', running: false, percent: null };
    case 'committing':
      return { text: of('Indlæser'), running: true, percent };
    case 'committed':
      return { text: 'Indlæst', running: false, percent: null };
    case 'failed':
      return { text: 'Kan ikke indlæses', running: false, percent: null };
  }
}

/** The Danish sentences for what stops a file, or stopped its commit. */
export function errorTexts(job: ImportJobView): { summary: string; details: string[] } | null {
  if (!job.error) return null;
  return { summary: danishText(job.error.code), details: job.error.header ?? [] };
}

/** One line of a batch: a file, its state and its counts. */
export function jobLine(job: ImportJobView, base: string) {
  const state = jobState(job);
  return {
    id: job.id,
    fileName: job.fileName,
    href: `${base}/filer/${job.id}`,
    state,
    summary: job.report?.summary ?? null,
    committed: job.status === 'committed',
    error: errorTexts(job),
  };
}

function reasonsOf(row: RowReport): string[] {
  return (row.reasons ?? []).map((p) => danishRowText(p.code, p.field, p.params));
}

/** A row of the report table, in Danish. */
function rowLine(row: RowReport, committed: boolean) {
  const status = STATUS_TEXT[row.status];
  return {
    row: row.row,
    name: row.name ?? '–',
    email: row.email ?? '–',
    status: committed ? status.after : status.before,
    rejected: row.status === 'rejected',
    what:
      row.status === 'rejected'
        ? reasonsOf(row)
        : row.changes?.length
          ? [`Ændrer ${row.changes.map((c) => FIELD_TEXT[c] ?? c).join(', ')}`]
          : [],
  };
}

/** The console-pagination partial's model; `param` names the page in the URL. */
export function pager(base: string, page: number, total: number, label: string, param = 'side') {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (pages === 1) return { label, pages: [], previous: null, next: null };
  const href = (n: number) => `${base}${base.includes('?') ? '&' : '?'}${param}=${n}`;
  const shown = [...new Set([1, page - 1, page, page + 1, pages])].filter((n) => n >= 1 && n <= pages);
  const items: Array<{ number?: number; href?: string; current?: boolean; gap?: boolean }> = [];
  shown.forEach((n, i) => {
    if (i > 0 && n - shown[i - 1] > 1) items.push({ gap: true });
    items.push({ number: n, href: href(n), current: n === page });
  });
  return {
    label,
    pages: items,
    previous: page > 1 ? href(page - 1) : null,
    next: page < pages ? href(page + 1) : null,
  };
}

/**
 * One file's report page: its counts, the rows of one filter a page at a time, and the Nyvalgt
 * proposal (a page at a time too), with the planner's corrections so far.
 */
export function reportView(
  job: ImportJobView,
  base: string,
  filter: FilterWord,
  page: number,
  proposalPage: number,
) {
  const report = job.report;
  const committed = job.status === 'committed';
  const self = `${base}/filer/${job.id}`;
  if (!report) return { rows: null, proposal: null, tabs: [], pager: null };
  const status = FILTERS.find((f) => f.word === filter)!.status;
  const rows = status === null ? report.rows : report.rows.filter((r) => r.status === status);
  const tabs = FILTERS.map((f) => ({
    label: f.status && committed ? STATUS_TEXT[f.status].after : f.label,
    count: f.status === null ? report.summary.rows : report.summary[f.status],
    href: `${self}?vis=${f.word}#raekker`,
    current: f.word === filter,
  }));
  const from = (page - 1) * PAGE_SIZE;
  return {
    tabs,
    rows: rows.slice(from, from + PAGE_SIZE).map((r) => rowLine(r, committed)),
    shownCount: rows.length,
    pager: pager(`${self}?vis=${filter}`, page, rows.length, 'Sider i rapporten'),
    proposal: proposalView(job, self, proposalPage),
  };
}

function proposalView(job: ImportJobView, self: string, page: number) {
  const proposal = job.report?.newlyElectedProposal;
  if (!proposal) return null;
  const toNew = new Set(job.corrections.newlyElected);
  const toRe = new Set(job.corrections.reElected);
  const from = (page - 1) * PAGE_SIZE;
  const matches = proposal.matches.map((m) => {
    const newlyElected =
      job.status === 'committed'
        ? m.newlyElected
        : toNew.has(m.row)
          ? true
          : toRe.has(m.row)
            ? false
            : m.proposed;
    return {
      row: m.row,
      name: m.name,
      previous: m.previous?.name ?? null,
      proposedText: m.proposed ? 'Nyvalgt' : 'Genvalgt',
      newlyElected,
      corrected: newlyElected !== m.proposed,
    };
  });
  return {
    previousCycle: proposal.previousCycle,
    count: matches.length,
    newCount: matches.filter((m) => m.newlyElected).length,
    correctedCount: matches.filter((m) => m.corrected).length,
    matches: matches.slice(from, from + PAGE_SIZE),
    page,
    pager: pager(self, page, matches.length, 'Sider i forslaget', 'forslag'),
  };
}

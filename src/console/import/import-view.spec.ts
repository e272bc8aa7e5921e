import { ImportJobView } from '../../cycles/import/import-jobs.service';
import { ImportReport } from '../../cycles/import/member-import.service';
import { RowReport } from '../../cycles/import/plan-import';
import { jobState, pager, reportView } from './import-view';

const rows = (n: number, status: RowReport['status'], from = 2): RowReport[] =>
  Array.from({ length: n }, (_, i) => ({ row: from + i, status, name: `Navn ${i}`, email: `m${i}@x.dk` }));

function job(
  overrides: Partial<ImportJobView> = {},
  report: Partial<ImportReport> | null = {},
): ImportJobView {
  const all = [...rows(150, 'created'), ...rows(1, 'rejected', 152)];
  all[150].reasons = [{ field: 'email', reason: 'x', code: 'email_invalid', params: { value: 'x@' } }];
  return {
    id: 7,
    cycleId: 1,
    batch: 'b',
    fileName: 'ærø.csv',
    status: 'checked',
    done: 151,
    total: 151,
    report:
      report === null
        ? null
        : {
            dryRun: true,
            applied: false,
            file: { format: 'csv', headerRow: 1, ignoredColumns: [] },
            summary: { rows: 151, created: 150, updated: 0, unchanged: 0, rejected: 1 },
            rows: all,
            ...report,
          },
    error: null,
    corrections: { newlyElected: [], reElected: [] },
    createdAt: new Date(),
    ...overrides,
  };
}

describe(jobState.name, () => {
  it('says where the check and the commit are, with a share while they run', () => {
    expect(jobState(job({ status: 'checking', done: 500, total: 2500 }))).toEqual({
      text: 'Kontrollerer række 500 af 2500',
      running: true,
      percent: 20,
    });
    expect(jobState(job({ status: 'committing', done: 0, total: 0 }))).toMatchObject({
      text: 'Indlæser filen',
      running: true,
    });
    expect(jobState(job({ status: 'committed' }))).toMatchObject({ text: 'Indlæst', running: false });
  });
});

describe(reportView.name, () => {
  it('shows one filter a hundred rows at a time, with the Danish reason of a rejected row', () => {
    const view = reportView(job(), '/valgperioder/1/import', 'alle', 2, 1);
    expect(view.rows?.map((r) => r.row)).toEqual(Array.from({ length: 51 }, (_, i) => 102 + i));
    expect(view.rows?.at(-1)).toMatchObject({ status: 'Afvist', what: ['"x@" er ikke en e-mailadresse.'] });
    expect(view.tabs.map((t) => `${t.label} ${t.count}`)).toEqual([
      'Alle 151',
      'Afvist 1',
      'Oprettes 150',
      'Opdateres 0',
      'Uændret 0',
    ]);
    expect(reportView(job(), '/x', 'afviste', 1, 1).rows?.map((r) => r.row)).toEqual([152]);
    const committed = reportView(job({ status: 'committed' }), '/x', 'oprettes', 1, 1);
    expect(committed.rows?.[0].status).toBe('Oprettet');
    expect(committed.tabs.map((t) => t.label)).toEqual([
      'Alle',
      'Afvist',
      'Oprettet',
      'Opdateret',
      'Uændret',
    ]);
  });

  it('shows the proposal with the corrections so far', () => {
    const matches = [
      {
        row: 2,
        name: 'A',
        municipalityCode: 492,
        previous: { memberId: 1, name: 'Å' },
        proposed: false,
        newlyElected: false,
        corrected: false,
      },
      {
        row: 3,
        name: 'B',
        municipalityCode: 492,
        previous: null,
        proposed: true,
        newlyElected: true,
        corrected: false,
      },
    ];
    const view = reportView(
      job(
        { corrections: { newlyElected: [2], reElected: [] } },
        {
          newlyElectedProposal: {
            previousCycle: { id: 1, code: 'KV21', name: 'KV21' },
            accepted: false,
            matches,
          },
        },
      ),
      '/x',
      'alle',
      1,
      1,
    );
    expect(view.proposal).toMatchObject({ count: 2, newCount: 2, correctedCount: 1 });
    expect(view.proposal?.matches.map((m) => [m.row, m.newlyElected, m.corrected])).toEqual([
      [2, true, true],
      [3, true, false],
    ]);
  });

  it('has nothing to show before the check', () => {
    expect(reportView(job({ status: 'queued' }, null), '/x', 'alle', 1, 1)).toMatchObject({
      rows: null,
      tabs: [],
    });
  });
});

describe(pager.name, () => {
  it('links the first, last and neighbouring pages, with gaps', () => {
    const p = pager('/r?vis=alle', 5, 2500, 'Sider');
    expect(p.pages.map((i) => (i.gap ? '…' : i.number))).toEqual([1, '…', 4, 5, 6, '…', 25]);
    expect(p.previous).toBe('/r?vis=alle&side=4');
    expect(pager('/r', 1, 100, 'Sider').pages).toEqual([]);
  });
});

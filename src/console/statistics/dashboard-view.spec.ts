import { GroupResult } from '../../evaluations/results';
import { danishCount, danishPercent, dashboardView, DashboardFigures } from './dashboard-view';

describe(danishPercent.name, () => {
  it.each([
    [0.1667, '16,7 %'],
    [1, '100,0 %'],
    [0, '0,0 %'],
    [null, '–'],
  ])('%p is %j', (share, text) => {
    expect(danishPercent(share)).toBe(text);
  });
});

describe(danishCount.name, () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [2500, '2.500'],
    [1234567, '1.234.567'],
  ])('%d is %j', (n, text) => {
    expect(danishCount(n)).toBe(text);
  });
});

describe(dashboardView.name, () => {
  const zero = {
    newlyElected: 0,
    invited: 0,
    registered: 0,
    waitlisted: 0,
    attended: 0,
    noShows: 0,
    coverage: null,
  };
  const figures = (evaluation: DashboardFigures['summary']['evaluation']): DashboardFigures => ({
    summary: {
      cycle: { id: 1, code: 'KV25', name: 'Kommunalvalg 2025' },
      totals: zero,
      seminars: {
        count: 0,
        capacity: 0,
        registered: 0,
        waitlisted: 0,
        attended: 0,
        noShows: 0,
        fillRate: null,
      },
      evaluation,
    },
    regions: [],
    municipalities: [],
    seminars: [],
    timeline: [],
  });
  const result = (responses: number, mean?: number): GroupResult => ({
    invited: 10,
    responses,
    responseRate: responses / 10,
    suppressed: mean === undefined,
    questions: [{ id: 'q1', type: 'scale', text: 'Samlet indtryk', answered: responses, mean }],
  });

  it('has no evaluation chart without evaluation results', () => {
    const view = dashboardView(figures(null));
    expect(view.evaluation).toBeNull();
    expect(JSON.parse(view.chartData).charts.map((c: { id: string }) => c.id)).not.toContain(
      'chart-evaluation',
    );
  });

  it('charts the mean of each scored question when there are results', () => {
    const view = dashboardView(
      figures({
        overall: result(8, 4.25),
        seminars: [{ seminarId: 1, title: 'Kolding', result: result(8, 4.25) }],
      }),
    );
    expect(view.evaluation?.questions).toEqual([{ text: 'Samlet indtryk', answered: '8', mean: '4,25' }]);
    const chart = JSON.parse(view.chartData).charts.find((c: { id: string }) => c.id === 'chart-evaluation');
    expect(chart.datasets[0].data).toEqual([4.25]);
  });

  it('escapes < in the JSON so a title cannot close the script block', () => {
    const view = dashboardView({
      ...figures(null),
      seminars: [
        {
          seminarId: 1,
          title: '</script><script>alert(1)</script>',
          waveId: 1,
          venue: 'x',
          startsAt: '2026-01-01T00:00:00.000Z',
          status: 'published',
          capacity: 1,
          registered: 0,
          waitlisted: 0,
          attended: 0,
          noShows: 0,
          fillRate: 0,
        },
      ],
    });
    expect(view.chartData).not.toContain('<');
    expect(JSON.parse(view.chartData).charts[3].labels).toEqual(['</script><script>alert(1)</script>']);
  });
});

import { Figures } from '../../evaluations/results.service';
import { questionChart, questionTable, responseTable } from './results-view';

const figures = (overrides: Partial<Figures>): Figures => ({
  invited: 6,
  responses: 5,
  responseRate: 0.8333,
  suppressed: false,
  basedOn: 5,
  questions: [],
  ...overrides,
});

describe(questionTable.name, () => {
  it('gives each question its count, mean with a decimal comma, NPS and distribution', () => {
    const table = questionTable(
      figures({
        questions: [
          {
            id: 'overall',
            type: 'scale',
            text: 'Samlet',
            answered: 5,
            mean: 4.2,
            distribution: { 1: 0, 2: 0, 3: 1, 4: 2, 5: 2 },
          },
          {
            id: 'recommend',
            type: 'nps',
            text: 'Anbefale',
            answered: 5,
            mean: 8.6,
            nps: -40,
            distribution: {},
          },
          { id: 'best', type: 'text', text: 'Bedst', answered: 2, texts: ['a', 'b'] },
        ],
      }),
    );
    expect(table.rows).toEqual([
      ['Samlet', '5', '4,20', '', '1: 0 | 2: 0 | 3: 1 | 4: 2 | 5: 2'],
      ['Anbefale', '5', '8,60', '-40,0', ''],
      ['Bedst', '2', '', '', ''],
    ]);
  });

  it('shows counts only for a suppressed group, as the API gives them', () => {
    const table = questionTable(
      figures({
        responses: 2,
        suppressed: true,
        questions: [{ id: 'overall', type: 'scale', text: 'Samlet', answered: 2 }],
      }),
    );
    expect(table.rows).toEqual([['Samlet', '2', '', '', '']]);
  });
});

describe(responseTable.name, () => {
  it('says why a group shows fewer figures than its answers', () => {
    const table = responseTable([
      { level: 'Forløb', name: 'KV25', figures: figures({ invited: 9, responses: 7, responseRate: 0.7778 }) },
      {
        level: 'Seminar',
        name: 'B',
        figures: figures({ invited: 3, responses: 2, responseRate: 0.6667, suppressed: true, basedOn: 2 }),
      },
      {
        level: 'Bølge',
        name: 'Ingen',
        figures: figures({ invited: 0, responses: 0, responseRate: null, basedOn: 0, suppressed: true }),
      },
    ]);
    expect(table.rows).toEqual([
      ['Forløb', 'KV25', '9', '7', '77,8 %', 'Seminarer med under 5 svar er udeladt af tallene'],
      ['Seminar', 'B', '3', '2', '66,7 %', 'Under 5 svar: kun antal vises'],
      ['Bølge', 'Ingen', '0', '0', '–', 'Under 5 svar: kun antal vises'],
    ]);
  });
});

describe(questionChart.name, () => {
  it('draws the most frequent answer full length and an empty value with no bar', () => {
    const chart = questionChart(
      {
        id: 'overall',
        type: 'scale',
        text: 'Samlet',
        answered: 4,
        mean: 4.5,
        distribution: { 1: 0, 4: 2, 5: 4 },
      },
      0,
    )!;
    expect(chart.bars.map((b) => [b.label, b.width])).toEqual([
      ['1', 0],
      ['4', 100],
      ['5', 200],
    ]);
    expect(chart.nps).toBeNull();
    expect(chart.summary).toContain('1: 0, 4: 2, 5: 4');
  });

  it('puts the NPS on its own −100…100 axis, left of zero when negative', () => {
    const at = (nps: number) =>
      questionChart({ id: 'r', type: 'nps', text: 'Anbefale', answered: 5, nps, distribution: { 0: 1 } }, 1)!
        .nps!;
    expect(at(100).x).toBe(290);
    expect(at(-100).x).toBe(10);
    expect(at(0).x).toBe(150);
    expect(at(-40)).toMatchObject({ barX: 94, barWidth: 56, positive: false, value: '-40,0' });
  });

  it('draws nothing for a question without a distribution (free text, or a suppressed group) or without answers', () => {
    expect(questionChart({ id: 'best', type: 'text', text: 'Bedst', answered: 3 }, 2)).toBeNull();
    expect(
      questionChart({ id: 'mad', type: 'scale', text: 'Mad', answered: 0, distribution: { 1: 0 } }, 3),
    ).toBeNull();
  });
});

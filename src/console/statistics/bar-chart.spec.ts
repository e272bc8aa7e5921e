import { axisTo, barChart } from './bar-chart';

describe(axisTo.name, () => {
  it.each([
    [2.3, 2.5, [0, 0.5, 1, 1.5, 2, 2.5]],
    [25, 25, [0, 5, 10, 15, 20, 25]],
    [83, 100, [0, 25, 50, 75, 100]],
    [1, 1, [0, 0.25, 0.5, 0.75, 1]],
    [150, 150, [0, 25, 50, 75, 100, 125, 150]],
    [7, 8, [0, 2, 4, 6, 8]],
  ])('runs to a round number just above %p', (largest, max, ticks) => {
    expect(axisTo(largest)).toEqual({ min: 0, max, ticks });
  });

  it('gives an empty chart an axis of 0 to 1', () => {
    expect(axisTo(0)).toEqual({ min: 0, max: 1, ticks: [0, 1] });
  });

  it('keeps a fixed scale, such as the NPS from −100 to 100', () => {
    expect(axisTo(12, { min: -100, max: 100, step: 50 }).ticks).toEqual([-100, -50, 0, 50, 100]);
  });
});

describe(barChart.name, () => {
  const format = (v: number) => `${v} %`;

  it('draws a 2 % share across most of the track when it is the largest', () => {
    const chart = barChart({
      description: 'd',
      series: ['Dækning (%)'],
      rows: [
        { label: 'Odense', values: [2] },
        { label: 'Aarhus', values: [1] },
        { label: 'København', values: [null] },
      ],
      format,
    });
    expect(chart.ticks.map((t) => t.text)).toEqual(['0 %', '0.5 %', '1 %', '1.5 %', '2 %']);
    expect(chart.rows.map((r) => r.bars.map((b) => b.width))).toEqual([[100], [50], []]);
    expect(chart.rows[2].text).toBe('–');
    expect(chart.legend).toEqual([]);
  });

  it('draws a negative NPS to the left of the zero line', () => {
    const chart = barChart({
      description: 'd',
      series: ['NPS'],
      rows: [
        { label: 'A', values: [-50] },
        { label: 'B', values: [25] },
      ],
      format,
      fixed: { min: -100, max: 100, step: 50 },
    });
    expect(chart.zero).toBe(50);
    expect(chart.rows.map((r) => [r.bars[0].x, r.bars[0].width])).toEqual([
      [25, 25],
      [50, 12.5],
    ]);
  });

  it('puts two cycles side by side in a row, with a legend', () => {
    const chart = barChart({
      description: 'd',
      series: ['KV21', 'KV25'],
      rows: [{ label: 'Syd', values: [10, 20] }],
      format,
    });
    expect(chart.legend.map((l) => l.label)).toEqual(['KV21', 'KV25']);
    expect(chart.rows[0].text).toBe('KV21: 10 % · KV25: 20 %');
    expect(chart.rows[0].bars.map((b) => b.y)).toEqual([2, 16]);
    expect(chart.height).toBe(28);
  });
});

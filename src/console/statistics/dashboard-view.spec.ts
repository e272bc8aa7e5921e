import { danishCount, danishPercent } from './dashboard-view';

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

import { summariseUserAgent } from './user-agent';

describe(summariseUserAgent.name, () => {
  it.each([
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      'Chrome på Linux',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
      'Firefox på Windows',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
      'Safari på iOS',
    ],
    ['curl/8.5.0', 'curl'],
    ['node-fetch', 'node-fetch'],
    [undefined, 'ukendt'],
    ['\u0001\u0002', 'ukendt'],
  ])('%p is %p', (header, summary) => {
    expect(summariseUserAgent(header)).toBe(summary);
  });
});

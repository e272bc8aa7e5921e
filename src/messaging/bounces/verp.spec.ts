import { messageOfReturnPath, returnPath } from './verp';

describe('VERP return paths', () => {
  const secret = 'en-hemmelighed-der-er-mindst-32-tegn-lang';
  const domain = 'retur.kattegat.dk';

  it('names the message and nothing else', () => {
    const path = returnPath(4711, domain, secret);
    expect(path).toMatch(/^bounce\+4711\.[0-9a-f]{16}@retur\.kattegat\.dk$/);
    expect(messageOfReturnPath(path, domain, secret)).toBe(4711);
    expect(messageOfReturnPath(path.toUpperCase(), domain, secret)).toBe(4711);
  });

  it('refuses another id with the same mac, another domain, another secret and other addresses', () => {
    const path = returnPath(4711, domain, secret);
    expect(messageOfReturnPath(path.replace('4711', '4712'), domain, secret)).toBeNull();
    expect(messageOfReturnPath(path.replace(domain, 'example.dk'), domain, secret)).toBeNull();
    expect(messageOfReturnPath(path, domain, `${secret}x`)).toBeNull();
    expect(messageOfReturnPath(`postmaster@${domain}`, domain, secret)).toBeNull();
    expect(messageOfReturnPath('bounce+1.zz@retur.kattegat.dk', domain, secret)).toBeNull();
  });
});

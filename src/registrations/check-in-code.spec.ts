import { checkInCode, readCheckInCode } from './check-in-code';

const SECRET = 'en-hemmelighed-der-er-mindst-32-tegn-lang';
const seat = { seminarId: 12, registrationId: 345 };

describe('check-in codes', () => {
  it('reads back the seat it was made for, typed in lower case with spaces', () => {
    const code = checkInCode(SECRET, seat);
    expect(code).toMatch(/^12-345-[A-Z2-7]{10}$/);
    expect(readCheckInCode(SECRET, ` ${code.toLowerCase().replace('-', ' - ')} `)).toEqual(seat);
  });

  it('refuses a code whose seat or seminar was changed', () => {
    const mac = checkInCode(SECRET, seat).split('-')[2];
    expect(readCheckInCode(SECRET, `12-346-${mac}`)).toBeNull();
    expect(readCheckInCode(SECRET, `13-345-${mac}`)).toBeNull();
  });

  it('refuses a code signed with another secret, and text that is no code', () => {
    expect(readCheckInCode(SECRET, checkInCode(`${SECRET}x`, seat))).toBeNull();
    for (const text of ['', '12-345', '12-345-ABCDEFGHIJ1', 'https://x.test/p/abc', '1-2-ABCDEFGHI8'])
      expect(readCheckInCode(SECRET, text)).toBeNull();
  });

  it('gives different seats different codes', () => {
    expect(checkInCode(SECRET, seat)).not.toBe(checkInCode(SECRET, { ...seat, registrationId: 346 }));
  });
});

import { fromLocal } from '../common/local-time';
import { readDay, readSeminarTable } from './seminar-table';

const venues = [
  { id: 1, name: 'Hotel Koldingfjord', town: 'Kolding' },
  { id: 2, name: 'Sinatur Hotel Storebælt', town: 'Nyborg' },
];
const closes = fromLocal('2026-01-10', '23:59')!;

describe('readSeminarTable', () => {
  it('reads rows as Excel pastes them, a header left out, over several days', () => {
    const rows = readSeminarTable(
      [
        ['Dato', 'Start', 'Slut', 'Kursussted', 'Pladser', 'Titel'],
        ['15.01.2026', '13.00', '17.01.2026 13.00', 'hotel koldingfjord', '25', ''],
        ['22-1-2026', '9:30', '16.00', 'Sinatur Hotel Storebælt', '30', 'Kattegat på Fyn'],
      ],
      venues,
      closes,
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ row: 2, errors: [] });
    expect(rows[0].seminar).toEqual({
      venueId: 1,
      title: 'Kattegat-seminar, Kolding',
      startsAt: new Date('2026-01-15T12:00:00Z'),
      endsAt: new Date('2026-01-17T12:00:00Z'),
      capacity: 25,
      registrationDeadline: closes,
    });
    expect(rows[1].seminar).toMatchObject({
      venueId: 2,
      title: 'Kattegat på Fyn',
      startsAt: new Date('2026-01-22T08:30:00Z'),
      endsAt: new Date('2026-01-22T15:00:00Z'),
    });
  });

  it('names each problem of a row in Danish and leaves the row without a seminar', () => {
    const [row] = readSeminarTable(
      [['31.02.2026', '25.00', 'i morgen', 'Hotel Ukendt', 'mange']],
      venues,
      closes,
    );
    expect(row.seminar).toBeNull();
    expect(row.errors).toEqual([
      'Datoen "31.02.2026" skal skrives dd.mm.åååå, fx 15.01.2026.',
      'Starttidspunktet "25.00" skal skrives tt.mm, fx 13.00.',
      'Sluttidspunktet "i morgen" skal skrives tt.mm eller dd.mm.åååå tt.mm.',
      'Kursusstedet "Hotel Ukendt" findes ikke.',
      'Antal pladser "mange" skal være et helt tal fra 1 til 1000.',
    ]);
  });

  it('refuses a seminar that ends before it begins, and keeps row numbers past empty rows', () => {
    const rows = readSeminarTable(
      [
        ['15.01.2026', '13.00', '12.00', 'Hotel Koldingfjord', '25'],
        [],
        ['', ''],
        ['16.01.2026', '13.00', '15.00', 'Hotel Koldingfjord', '0'],
      ],
      venues,
      closes,
    );
    expect(rows.map((r) => [r.row, r.errors])).toEqual([
      [1, ['Seminaret skal slutte, efter det begynder.']],
      [4, ['Antal pladser "0" skal være et helt tal fra 1 til 1000.']],
    ]);
  });

  it('puts the deadline at the start when the wave closes later', () => {
    const [row] = readSeminarTable(
      [['05.01.2026', '13.00', '16.00', 'Hotel Koldingfjord', '25']],
      venues,
      closes,
    );
    expect(row.seminar?.registrationDeadline).toEqual(row.seminar?.startsAt);
  });
});

describe('readDay', () => {
  it('reads Danish and ISO days and nothing else', () => {
    expect(readDay('5/3/2026')).toBe('2026-03-05');
    expect(readDay('2026-03-05')).toBe('2026-03-05');
    expect(readDay('05.03.26')).toBeNull();
  });
});

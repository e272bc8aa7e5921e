import { attachmentDisposition, SEAT_CALENDAR_FILENAME } from './seat-calendar';

describe(attachmentDisposition.name, () => {
  it('gives an ASCII fallback and the UTF-8 name encoded per RFC 5987', () => {
    expect(attachmentDisposition(SEAT_CALENDAR_FILENAME)).toBe(
      `attachment; filename="kattegat-forlob.ics"; filename*=UTF-8''kattegat-forl%C3%B8b.ics`,
    );
  });

  it('keeps quotes and other non-ASCII out of the fallback', () => {
    expect(attachmentDisposition(`Århus "kursus" €.ics`)).toBe(
      `attachment; filename="Aarhus _kursus_ _.ics"; filename*=UTF-8''%C3%85rhus%20%22kursus%22%20%E2%82%AC.ics`,
    );
  });
});

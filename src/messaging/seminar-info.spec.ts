import { agendaLine, organizerOf } from './seminar-info';

describe(organizerOf.name, () => {
  it('reads the name and address of MAIL_FROM', () => {
    expect(organizerOf('Kattegat <kattegat@kl.dk>')).toEqual({ name: 'Kattegat', email: 'kattegat@kl.dk' });
    expect(organizerOf('"KL, Kattegat" <k@kl.dk>')).toEqual({ name: 'KL, Kattegat', email: 'k@kl.dk' });
    expect(organizerOf('k@kl.dk')).toEqual({ name: 'k@kl.dk', email: 'k@kl.dk' });
  });
});

describe(agendaLine.name, () => {
  it('shows the Danish date and time in Copenhagen, the title and the speaker', () => {
    const startsAt = new Date('2026-01-15T12:00:00Z');
    expect(agendaLine({ startsAt, title: 'Velkomst', speaker: 'Åse Ørum' })).toBe(
      'torsdag den 15. januar 2026 kl. 13.00: Velkomst (Åse Ørum)',
    );
    expect(agendaLine({ startsAt, title: 'Frokost', speaker: null })).toBe(
      'torsdag den 15. januar 2026 kl. 13.00: Frokost',
    );
  });
});

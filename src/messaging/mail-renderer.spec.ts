import { MESSAGE_KINDS, SeatContext } from './message-kinds';
import { AppConfig } from '../config/app-config';
import { MailRenderer } from './mail-renderer';
import { sampleMailRequest } from './sample-messages';

describe(MailRenderer.name, () => {
  const sut = new MailRenderer();
  const seat: SeatContext = {
    recipient: { name: 'Søren Ærø', email: 'soren@example.dk' },
    personalLink: 'https://kattegat.test/p/abc',
    seminar: {
      id: 7,
      title: 'Kattegat-kursus i Middelfart',
      start: new Date('2026-01-15T12:00:00Z'),
      end: new Date('2026-01-17T11:00:00Z'),
      venue: { name: 'Hindsgavl Slot', address: 'Hindsgavl Allé 7, 5500 Middelfart' },
      agenda: ['Torsdag: Velkomst'],
    },
  };

  it.each(MESSAGE_KINDS)('renders %s with a Danish subject, an HTML part and a text part', (kind) => {
    const mail = sut.render(sampleMailRequest(kind, 'https://kattegat.test'));
    expect(mail.subject.length).toBeGreaterThan(10);
    expect(mail.html).toContain('<html lang="da">');
    expect(mail.html).toContain('Kære Søren Ærøskøbing');
    expect(mail.text).toContain('Kære Søren Ærøskøbing');
    expect(mail.text).toContain('https://kattegat.test/p/eksempel');
    expect(mail.text).not.toMatch(/<[a-z]/);
  });

  it('writes the seminar period in Danish, Copenhagen time', () => {
    const mail = sut.confirmation(seat);
    expect(mail.subject).toBe('Bekræftelse: Din plads på Kattegat-kursus i Middelfart');
    const period = 'fra torsdag den 15. januar 2026 kl. 13.00 til lørdag den 17. januar 2026 kl. 12.00';
    expect(mail.html).toContain(period);
    expect(mail.text).toContain(period);
  });

  it('lists the agenda in the text part as its own paragraph', () => {
    expect(sut.confirmation(seat).text).toContain('Program:\n  - Torsdag: Velkomst\n\nEn kalenderinvitation');
  });

  it('escapes a hostile name in the HTML part and keeps it verbatim in the text part', () => {
    const hostile = '<script>alert("x")</script> & "Ole"';
    const mail = sut.confirmation({ ...seat, recipient: { name: hostile, email: 'x@example.dk' } });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Ole&quot;');
    expect(mail.text).toContain(`Kære ${hostile}`);
  });

  it('escapes a link that tries to break out of its attribute', () => {
    const mail = sut.confirmation({ ...seat, personalLink: 'https://x.test/p/a" onclick="evil()' });
    expect(mail.html).not.toContain('" onclick="evil()');
    expect(mail.html).toContain('href="https://x.test/p/a&quot; onclick&#x3D;&quot;evil()"');
  });

  it('keeps a subject on one line whatever the seminar title holds', () => {
    const mail = sut.promotion({
      ...seat,
      seminar: { ...seat.seminar, title: 'Hold 3\r\nBcc: evil@example.com' },
    });
    expect(mail.subject).toBe('Du har fået en plads på Hold 3 Bcc: evil@example.com');
  });

  it('words each kind of cancellation differently', () => {
    const byMember = sut.cancellation({ ...seat, reason: 'member', note: null });
    const byPlanner = sut.cancellation({ ...seat, reason: 'planner', note: 'Vi har flyttet dig.' });
    const cancelled = sut.cancellation({ ...seat, reason: 'seminar_cancelled', note: null });
    expect(byMember.text).toContain('Vi har registreret dit afbud');
    expect(byPlanner.text).toContain('Kattegat-sekretariatet har annulleret din plads');
    expect(byPlanner.text).toContain('Vi har flyttet dig.');
    expect(cancelled.subject).toBe('Aflyst: Kattegat-kursus i Middelfart');
    expect(cancelled.html).toContain('Vi må desværre aflyse dette seminar');
  });

  it('gives the waiting-list number and the days before a reminder', () => {
    expect(sut.waitingList({ ...seat, position: 4 }).text).toContain('nummer 4 på ventelisten');
    expect(sut.reminder({ ...seat, daysBefore: 2 }).subject).toBe(
      'Påmindelse: Kattegat-kursus i Middelfart om 2 dage',
    );
    expect(sut.reminder({ ...seat, daysBefore: 1 }).text).toContain('se dig i morgen');
  });

  describe('the footer', () => {
    const withMail = (repliesReachSomeone: boolean, email: string | null) =>
      new MailRenderer({
        mail: { repliesReachSomeone },
        secretariat: { email, phone: null },
      } as AppConfig).confirmation(seat);

    it('asks for a reply only when replies reach someone', () => {
      for (const part of ['html', 'text'] as const) {
        expect(withMail(true, null)[part]).toContain('Svar på denne e-mail, hvis du har spørgsmål.');
        expect(withMail(false, null)[part]).not.toMatch(/svar på denne e-mail/i);
        expect(sut.confirmation(seat)[part]).not.toMatch(/svar på denne e-mail/i);
      }
    });

    it('names the secretariat’s address instead when replies go nowhere', () => {
      expect(withMail(false, 'kattegat@kl.dk').text).toContain(
        'Har du spørgsmål, så skriv til kattegat@kl.dk.',
      );
    });
  });
});

import { inertLinks, messageHistory } from './message-view';

describe(messageHistory.name, () => {
  const at = (iso: string) => new Date(iso);
  const sent = {
    id: 7,
    status: 'sent' as const,
    attempts: 1,
    createdAt: at('2026-01-13T09:00:00Z'),
    sentAt: at('2026-01-13T09:00:05Z'),
    nextAttemptAt: at('2026-01-13T09:00:00Z'),
    lastError: null,
    smtpResponse: '250 2.0.0 Ok: queued as 4F2A91C3B',
  };

  it('tells a message that was sent, came back and was sent again, in order, with the answers', () => {
    const resend = { ...sent, id: 9, createdAt: at('2026-01-14T08:00:00Z') };
    expect(
      messageHistory(
        sent,
        [{ status: '5.1.1', diagnostic: 'smtp; 550 user unknown', receivedAt: at('2026-01-13T09:02:00Z') }],
        [resend],
      ),
    ).toEqual([
      {
        when: 'tirsdag den 13. januar 2026 kl. 10.00',
        what: 'Skrevet og lagt i kø',
        answer: null,
        href: null,
      },
      {
        when: 'tirsdag den 13. januar 2026 kl. 10.00',
        what: 'Sendt (1 forsøg)',
        answer: '250 2.0.0 Ok: queued as 4F2A91C3B',
        href: null,
      },
      {
        when: 'tirsdag den 13. januar 2026 kl. 10.02',
        what: 'Kom retur fra modtagerens server',
        answer: '5.1.1 smtp; 550 user unknown',
        href: null,
      },
      {
        when: 'onsdag den 14. januar 2026 kl. 09.00',
        what: 'Sendt igen som en ny besked',
        answer: null,
        href: '/beskeder/9',
      },
    ]);
  });

  it('tells a refusal with the server’s answer, and a temporary failure that will be retried', () => {
    const failed = {
      ...sent,
      status: 'failed' as const,
      attempts: 3,
      sentAt: null,
      lastError: '550 5.1.1 Mailbox unavailable',
    };
    expect(messageHistory(failed, [], [])[1]).toMatchObject({
      what: 'Kunne ikke leveres – opgivet efter 3 forsøg',
      answer: '550 5.1.1 Mailbox unavailable',
    });
    const retrying = { ...failed, status: 'pending' as const, attempts: 1, lastError: '421 Try later' };
    expect(messageHistory(retrying, [], [])[1].what).toMatch(/^Midlertidig fejl efter 1 forsøg/);
  });
});

describe(inertLinks.name, () => {
  it('points the sample links nowhere and leaves other links alone', () => {
    expect(
      inertLinks(
        '<a href="https://kattegat.dk/p/eksempel">Din side</a> <a href="https://kattegat.dk/evaluering/eksempel">Svar</a> <a href="https://kl.dk">KL</a>',
      ),
    ).toBe(
      '<a href="#eksempel-link">Din side</a> <a href="#eksempel-link">Svar</a> <a href="https://kl.dk">KL</a>',
    );
  });
});

import { parseDeliveryStatus } from './delivery-status';

/** A notification as Postfix writes it (RFC 3464), with CRLF line ends. */
function postfixDsn(statusPart: string, extraHeaders = ''): string {
  return [
    'From: MAILER-DAEMON@mx.example.dk (Mail Delivery System)',
    'To: bounce+12.0123456789abcdef@retur.kattegat.dk',
    'Subject: Undelivered Mail Returned to Sender',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status;',
    '\tboundary="B0UND"',
    '',
    '--B0UND',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'This is the mail system at host mx.example.dk.',
    '',
    '--B0UND',
    `Content-Type: message/delivery-status${extraHeaders}`,
    '',
    statusPart,
    '--B0UND',
    'Content-Type: text/rfc822-headers',
    '',
    'Subject: Invitation til Kattegat-forløbet',
    '--B0UND--',
    '',
  ].join('\r\n');
}

const FIELDS = [
  'Reporting-MTA: dns; mx.example.dk',
  'Arrival-Date: Tue, 13 Jan 2026 10:00:00 +0100',
  '',
  'Final-Recipient: rfc822; anna@example.dk',
  'Original-Recipient: rfc822;anna@example.dk',
  'Action: failed',
  'Status: 5.1.1',
  'Remote-MTA: dns; mail.example.dk',
  'Diagnostic-Code: smtp; 550 5.1.1 <anna@example.dk>: Recipient address rejected:',
  '    User unknown in local recipient table',
  '',
].join('\r\n');

describe(parseDeliveryStatus.name, () => {
  it('reads the recipient, action, status and the folded diagnostic of a failed delivery', () => {
    expect(parseDeliveryStatus(postfixDsn(FIELDS))).toEqual([
      {
        recipient: 'anna@example.dk',
        action: 'failed',
        status: '5.1.1',
        diagnostic:
          'smtp; 550 5.1.1 <anna@example.dk>: Recipient address rejected: User unknown in local recipient table',
      },
    ]);
  });

  it('reads a base64 status part and a delayed delivery', () => {
    const delayed = FIELDS.replace('Action: failed', 'Action: delayed').replace(
      'Status: 5.1.1',
      'Status: 4.4.1',
    );
    const encoded = Buffer.from(delayed)
      .toString('base64')
      .replace(/(.{76})/g, '$1\r\n');
    expect(parseDeliveryStatus(postfixDsn(encoded, '\r\nContent-Transfer-Encoding: base64'))).toEqual([
      expect.objectContaining({ action: 'delayed', status: '4.4.1' }),
    ]);
  });

  it('answers null for mail that is no notification', () => {
    expect(
      parseDeliveryStatus(
        'From: anna@example.dk\r\nSubject: Fraværende\r\n\r\nJeg er på ferie til mandag.\r\n',
      ),
    ).toBeNull();
    expect(parseDeliveryStatus(postfixDsn('Reporting-MTA: dns; mx.example.dk\r\n'))).toBeNull();
  });
});

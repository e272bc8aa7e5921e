import nodemailer from 'nodemailer';

/** A delivery status notification as Postfix sends one back (RFC 3464): `recipient` refused with 5.1.1. */
export function dsn(to: string, recipient: string): string {
  return [
    'From: MAILER-DAEMON@mx.kommune.test (Mail Delivery System)',
    `To: ${to}`,
    'Subject: Undelivered Mail Returned to Sender',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="XYZ"',
    '',
    '--XYZ',
    'Content-Type: text/plain',
    '',
    'Your message could not be delivered.',
    '--XYZ',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.kommune.test',
    '',
    `Final-Recipient: rfc822; ${recipient}`,
    'Action: failed',
    'Status: 5.1.1',
    `Diagnostic-Code: smtp; 550 5.1.1 <${recipient}>: Recipient address rejected: User unknown`,
    '',
    '--XYZ--',
    '',
  ].join('\r\n');
}

/** Sends mail to the bounce listener as a remote server would: the null sender, the raw message. */
export async function sendToListener(port: number, to: string, raw: string) {
  const remote = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    return await remote.sendMail({ envelope: { from: '', to: [to] }, raw });
  } finally {
    remote.close();
  }
}

/** The environment that turns VERP and the listener (on a free port) on. */
export const BOUNCE_ENV = {
  BOUNCE_DOMAIN: 'retur.kattegat.test',
  BOUNCE_SECRET: 'en-hemmelighed-til-retur-adresser-i-test',
  BOUNCE_SMTP_PORT: '0',
  BOUNCE_SMTP_HOST: '127.0.0.1',
};

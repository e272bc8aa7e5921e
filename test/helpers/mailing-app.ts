import { startSmtpSink, SmtpSink } from './smtp-sink';
import { startTestApp, TestApp } from './test-app';

export interface MailingApp {
  sink: SmtpSink;
  t: TestApp;
  /** A planner's API token. */
  planner: string;
}

/** The app sending its e-mails from Kattegat's address to a fresh SMTP sink, with a planner to act. */
export async function startMailingApp(env: Record<string, string> = {}): Promise<MailingApp> {
  const sink = await startSmtpSink();
  try {
    const t = await startTestApp({ SMTP_URL: sink.url, MAIL_FROM: 'Kattegat <kattegat@kl.dk>', ...env });
    return { sink, t, planner: await t.tokenFor('planner') };
  } catch (error) {
    // The caller never gets the sink to close in its afterAll.
    await sink.close();
    throw error;
  }
}

/** Stops what startMailingApp started, the app before its sink. */
export async function stopMailingApp({ t, sink }: Partial<MailingApp>): Promise<void> {
  await t?.close();
  await sink?.close();
}

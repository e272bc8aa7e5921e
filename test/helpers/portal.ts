import request from 'supertest';
import { IssuedInvitation } from '../../src/invitations/invitation-events';
import { InvitationMail } from '../../src/messaging/invitation-mail';
import { TestApp } from './test-app';
import { waitUntil } from './wait';

/** Catches the raw tokens at the moment they are issued, in place of the invitation e-mails. */
export function captureIssuedLinks(t: TestApp): Map<number, string> {
  const tokens = new Map<number, string>();
  const mail = t.app.get(InvitationMail);
  jest.spyOn(mail, 'send').mockImplementation(async (_manager, issued: IssuedInvitation[]) => {
    for (const one of issued) tokens.set(one.memberId, one.token);
  });
  return tokens;
}

/** The CSRF fields of the first form on a page. */
export function csrfOf(html: string): { nonce: string; mac: string } {
  const nonce = /name="nonce" value="([^"]+)"/.exec(html)?.[1];
  const mac = /name="mac" value="([^"]+)"/.exec(html)?.[1];
  if (!nonce || !mac) throw new Error('No CSRF fields on the page');
  return { nonce, mac };
}

/** Opens a member's page and posts one of its forms, as a browser would. */
export async function submit(
  t: TestApp,
  token: string,
  action: string,
  fields: Record<string, string | string[]> = {},
) {
  const page = await t.http().get(`/p/${token}`).expect(200);
  return t
    .http()
    .post(`/p/${token}/${action}`)
    .type('form')
    .send({ ...csrfOf(page.text), ...fields });
}

/** Invites a small cycle's members as a planner: the API does it at once (201). */
export async function inviteNow(t: TestApp, cycleId: number, plannerToken: string): Promise<void> {
  await t
    .http()
    .post(`/api/cycles/${cycleId}/invitations`)
    .auth(plannerToken, { type: 'bearer' })
    .send({})
    .expect(201);
}

/** Invites a cycle's members as a planner and waits for a background job to finish; returns the job. */
export async function inviteAndWait(
  http: () => ReturnType<typeof request>,
  cycleId: number,
  plannerToken: string,
  body: Record<string, unknown> = {},
): Promise<{ status: string; invited: number; alreadyInvited: number; total: number }> {
  const started = await http()
    .post(`/api/cycles/${cycleId}/invitations`)
    .auth(plannerToken, { type: 'bearer' })
    .send(body);
  if (started.status === 201) return started.body;
  if (started.status !== 202) throw new Error(`Invitation answered ${started.status}`);
  const job = await waitUntil(
    async () => {
      const res = await http()
        .get(`/api/cycles/${cycleId}/invitations/jobs/${started.body.id}`)
        .auth(plannerToken, { type: 'bearer' })
        .expect(200);
      return res.body.status === 'running' ? null : res;
    },
    { timeoutMs: 60_000, what: 'the invitation job to finish', intervalMs: 50 },
  );
  return job.body;
}

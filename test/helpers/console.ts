import request from 'supertest';
import { StaffRole } from '../../src/auth/roles';
import { StaffService } from '../../src/auth/staff.service';
import { csrfOf } from './portal';
import { TestApp } from './test-app';

export const STAFF_PASSWORD = 'et-rigtig-langt-kodeord';
let accounts = 0;

export interface StaffFields {
  email: string;
  name: string;
  role: StaffRole;
  municipalityCode?: number;
}

/** Staff accounts made through the service, each with STAFF_PASSWORD. */
export async function createStaff(t: TestApp, ...staff: StaffFields[]): Promise<void> {
  for (const account of staff) await t.app.get(StaffService).create({ ...account, password: STAFF_PASSWORD });
}

/** A staff account made through the service; municipal contacts belong to Odense (461) unless told. */
export async function staffAccount(t: TestApp, role: StaffRole, municipalityCode = 461): Promise<string> {
  const email = `konsol-${role}-${++accounts}@test.kattegat.dk`;
  await createStaff(t, {
    email,
    name: `Test ${role}`,
    role,
    municipalityCode: role === 'municipality' ? municipalityCode : undefined,
  });
  return email;
}

/** A browser-like client signed in through the sign-in form (the one place that knows its address). */
export async function signedIn(t: TestApp, role: StaffRole, municipalityCode?: number) {
  const agent = request.agent(t.app.getHttpServer());
  const email = await staffAccount(t, role, municipalityCode);
  const form = await agent.get('/log-ind').expect(200);
  await agent
    .post('/log-ind')
    .type('form')
    .send({ ...csrfOf(form.text), email, password: STAFF_PASSWORD })
    .expect(303);
  return agent;
}

type Agent = Awaited<ReturnType<typeof signedIn>>;

/** Opens a page with a form and posts it with the page's CSRF fields, as a browser would; expects `status`. */
export async function postForm(
  agent: Agent,
  formPage: string,
  action: string,
  fields: Record<string, string>,
  status: number,
) {
  const page = await agent.get(formPage).expect(200);
  return agent
    .post(action)
    .type('form')
    .send({ ...csrfOf(page.text), ...fields })
    .expect((res) => {
      if (res.status !== status)
        throw new Error(
          `${action}: expected ${status}, got ${res.status}: ${textOf(res.text).slice(0, 600)}`,
        );
    });
}

/** The text of the page without tags, whitespace folded: what a reader sees. */
export function textOf(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

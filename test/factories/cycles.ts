import request from 'supertest';
import { TestApp } from '../helpers/test-app';

let cycles = 0;
let contacts = 0;

/** Creates a cycle through the API as the planner and returns its id. */
export async function createCycle(
  t: TestApp,
  plannerToken: string,
  overrides: Record<string, string> = {},
): Promise<number> {
  const n = ++cycles;
  const res = await t
    .http()
    .post('/api/cycles')
    .auth(plannerToken, { type: 'bearer' })
    .send({
      code: `KV${String(n).padStart(2, '0')}`,
      name: `Kommunalvalget test ${n}`,
      electionDate: '2025-11-18',
      termStart: '2026-01-01',
      ...overrides,
    })
    .expect(201);
  return res.body.id as number;
}

/** An admin creates a municipal contact for the municipality; returns the contact's bearer token. */
export async function municipalContactToken(
  t: TestApp,
  adminToken: string,
  municipalityCode: number,
): Promise<string> {
  const email = `kontakt-${++contacts}-${municipalityCode}@kommune.test`;
  const password = 'kommunens-lange-kodeord';
  await t
    .http()
    .post('/api/staff')
    .auth(adminToken, { type: 'bearer' })
    .send({ email, name: 'Sekretariatet', password, role: 'municipality', municipalityCode })
    .expect(201);
  const res = await t.http().post('/api/auth/login').send({ email, password }).expect(200);
  return res.body.accessToken as string;
}

export const member = (overrides: Record<string, unknown> = {}) => ({
  name: 'Søren Ærø Østergård',
  email: 'soeren@odense.dk',
  municipalityCode: 461,
  listLetter: 'A',
  newlyElected: true,
  ...overrides,
});

export function upload(
  t: TestApp,
  token: string,
  cycleId: number,
  file: Buffer,
  query: string,
  filename = 'medlemmer.csv',
): request.Test {
  return t
    .http()
    .post(`/api/cycles/${cycleId}/members/import?${query}`)
    .auth(token, { type: 'bearer' })
    .attach('file', file, filename);
}

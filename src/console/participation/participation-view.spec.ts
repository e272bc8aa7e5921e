import { InviteJob } from '../../invitations/invite-jobs';
import { areaQuery, boardFigures, inviteJobLine, reminders } from './participation-view';

const job = (change: Partial<InviteJob>): InviteJob => ({
  id: 'j',
  cycleId: 1,
  status: 'running',
  total: 1200,
  invited: 0,
  alreadyInvited: 0,
  expiresAt: '2026-03-01T00:00:00.000Z',
  error: null,
  createdAt: '2026-01-05T09:00:00.000Z',
  ...change,
});

describe(inviteJobLine.name, () => {
  it('says how far a running job is, in Danish figures, and keeps the page looking', () => {
    expect(inviteJobLine(job({ invited: 350, alreadyInvited: 50 }))).toEqual({
      running: true,
      failed: false,
      percent: 33,
      text: 'Inviterer: 400 af 1.200 nyvalgte er behandlet.',
    });
  });

  it('ends with how many were invited and how many already held an invitation', () => {
    expect(inviteJobLine(job({ status: 'done', invited: 1199, alreadyInvited: 1 })).text).toBe(
      'Færdig: 1.199 nyvalgte er inviteret. 1 havde allerede en invitation og fik ikke en ny.',
    );
    expect(inviteJobLine(job({ status: 'done', total: 1, invited: 1 })).text).toBe(
      'Færdig: 1 nyvalgt er inviteret.',
    );
  });

  it('a failed job says how far it came', () => {
    const line = inviteJobLine(job({ status: 'failed', invited: 200, error: 'boom' }));
    expect(line).toMatchObject({ running: false, failed: true });
    expect(line.text).toBe('Invitationen stoppede efter 200 af 1.200. 200 nåede at blive inviteret.');
  });
});

describe(boardFigures.name, () => {
  it("links each count to the register's list for the same area and status", () => {
    const figures = boardFigures(7, { kommune: 461 }, new Map([['not_answered', 2]]));
    const open = figures.find((f) => f.status === 'not_answered')!;
    expect(open).toEqual({
      status: 'not_answered',
      label: 'Ikke svaret',
      value: '2',
      href: '/valgperioder/7/medlemmer?kommune=461&status=not_answered',
    });
    expect(figures.find((f) => f.status === 'attended')!.value).toBe('0');
  });

  it("a wave's board links to lists of the same wave, seat statuses only", () => {
    const figures = boardFigures(7, { region: 1083, boelge: 3 }, new Map(), ['registered', 'no_show']);
    expect(figures.map((f) => f.href)).toEqual([
      '/valgperioder/7/medlemmer?region=1083&boelge=3&status=registered',
      '/valgperioder/7/medlemmer?region=1083&boelge=3&status=no_show',
    ]);
  });
});

describe(areaQuery.name, () => {
  it('carries only the area and what is added, never other fields of a form', () => {
    const form = { kommune: 461, region: undefined, nonce: 'n', mac: 'm' };
    expect(areaQuery(form, { sendt: 3 })).toBe('?kommune=461&sendt=3');
    expect(areaQuery({})).toBe('');
  });

  it('counts reminders in Danish', () => {
    expect([reminders(1), reminders(1200)]).toEqual(['1 påmindelse', '1.200 påmindelser']);
  });
});

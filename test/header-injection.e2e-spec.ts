import { execFileSync } from 'node:child_process';
import ICAL from 'ical.js';
import { Member } from '../src/cycles/member.entity';
import { DispatcherService } from '../src/messaging/dispatcher.service';
import { SmtpMailTransport } from '../src/messaging/mail-transport';
import { createCycle, createMembers } from './factories/cycle-members.factory';
import { createSeminar, createVenue, createWave } from './factories/planning.factory';
import { startMailingApp, stopMailingApp } from './helpers/mailing-app';
import { SmtpSink } from './helpers/smtp-sink';
import { startTestApp, TestApp } from './helpers/test-app';

jest.setTimeout(90_000);

const HOSTILE = 'Eva\r\nBcc: evil@x.dk';
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

/**
 * Python's e-mail parser with the strict policy (policy.default, raising on any defect): the
 * headers as it reads them, each part's file name, and every defect it found on the way.
 */
const STRICT_PARSE = `
import email, email.policy, json, sys
from email.parser import BytesParser
msg = BytesParser(policy=email.policy.strict).parsebytes(sys.stdin.buffer.read())
defects = [str(d) for d in msg.defects]
headers = []
for name in msg.keys():
    value = msg[name]
    defects += [str(d) for d in getattr(value, 'defects', ())]
    headers.append([name, str(value)])
to = [[a.display_name, a.addr_spec] for a in msg['To'].addresses]
parts = []
for part in msg.walk():
    defects += [str(d) for d in part.defects]
    parts.append([part.get_content_type(), part.get_filename()])
print(json.dumps({'headers': headers, 'to': to, 'parts': parts, 'defects': defects}))
`;

interface StrictlyParsed {
  headers: Array<[string, string]>;
  to: Array<[string, string]>;
  parts: Array<[string, string | null]>;
  defects: string[];
}

function parseStrictly(raw: Buffer): StrictlyParsed {
  return JSON.parse(execFileSync('python3', ['-c', STRICT_PARSE], { input: raw }).toString());
}

/** The .ics attachment of a raw message, decoded. */
async function calendarOf(sink: SmtpSink, raw: Buffer): Promise<string> {
  const parsed = await sink.parse({ raw, messageId: '', recipients: [] });
  const ics = parsed.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  if (!ics) throw new Error('The message has no calendar file');
  return ics.content.toString('utf8');
}

describe('Header injection', () => {
  describe('at the API edge', () => {
    let t: TestApp;
    let planner: string;
    let admin: string;

    beforeAll(async () => {
      t = await startTestApp();
      [planner, admin] = [await t.tokenFor('planner'), await t.tokenFor('admin')];
    });
    afterAll(() => t.close());

    const newMember = (overrides: Record<string, unknown> = {}) => ({
      name: 'Eva Hansen',
      email: `eva${Math.random().toString(36).slice(2, 8)}@kommune.dk`,
      municipalityCode: 461,
      listLetter: 'A',
      newlyElected: true,
      ...overrides,
    });

    it('refuses a member name with CR/LF with a 400 naming the field, and stores nothing', async () => {
      const cycle = await createCycle(t.dataSource);
      const res = await t
        .http()
        .post(`/api/cycles/${cycle.id}/members`)
        .auth(planner, { type: 'bearer' })
        .send(newMember({ name: HOSTILE }))
        .expect(400);
      expect(res.body.details).toEqual([
        { field: 'name', reason: 'name must not contain line breaks or other control characters' },
      ]);
      await expect(t.dataSource.getRepository(Member).countBy({ cycleId: cycle.id })).resolves.toBe(0);
    });

    it.each([
      ['U+2028', 'Eva\u2028Hansen'],
      ['NUL', 'Eva\u0000Hansen'],
      ['ESC', 'Eva\u001bHansen'],
      ['NEL (C1)', 'Eva\u0085Hansen'],
      ['TAB', 'Eva\tHansen'],
    ])('refuses %s in a member name on PATCH too', async (_, name) => {
      const cycle = await createCycle(t.dataSource);
      const [member] = await createMembers(t.dataSource, cycle.id, 1);
      const res = await t
        .http()
        .patch(`/api/cycles/${cycle.id}/members/${member.id}`)
        .auth(planner, { type: 'bearer' })
        .send({ name })
        .expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['name']);
      await expect(
        t.dataSource.getRepository(Member).findOneByOrFail({ id: member.id }),
      ).resolves.toMatchObject({
        name: member.name,
      });
    });

    it('lets a note keep its line breaks but nothing else, and keeps Danish names as they are', async () => {
      const cycle = await createCycle(t.dataSource);
      const url = `/api/cycles/${cycle.id}/members`;
      const created = await t
        .http()
        .post(url)
        .auth(planner, { type: 'bearer' })
        .send(newMember({ name: 'Søren Ærø Østergård', note: 'Kommer fredag\r\n\tGår lørdag' }))
        .expect(201);
      expect(created.body).toMatchObject({
        name: 'Søren Ærø Østergård',
        note: 'Kommer fredag\r\n\tGår lørdag',
      });
      const res = await t
        .http()
        .post(url)
        .auth(planner, { type: 'bearer' })
        .send(newMember({ note: 'Kommer\u0007fredag', listName: 'Lokal\nliste', phone: '12\r\n34' }))
        .expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'listName',
        'note',
        'phone',
      ]);
    });

    it('refuses control characters in every other name or title that reaches a header, file or calendar', async () => {
      const cycle = await createCycle(t.dataSource);
      const wave = await createWave(t.dataSource, cycle.id);
      const venue = await createVenue(t.dataSource);
      const seminar = await createSeminar(t.dataSource, wave, venue);
      const instant = new Date(Date.now() + 86_400_000).toISOString();
      const cases: Array<[string, string, 'post' | 'patch', string, object]> = [
        [
          'staff name',
          admin,
          'post',
          '/api/staff',
          {
            email: 'ny@kl.dk',
            name: HOSTILE,
            password: 'et-rigtig-langt-kodeord',
            role: 'planner',
          },
        ],
        ['cycle name', planner, 'patch', `/api/cycles/${cycle.id}`, { name: HOSTILE }],
        ['wave name', planner, 'patch', `/api/cycles/${cycle.id}/waves/${wave.id}`, { name: HOSTILE }],
        ['venue name', planner, 'patch', `/api/venues/${venue.id}`, { name: HOSTILE }],
        ['venue town', planner, 'patch', `/api/venues/${venue.id}`, { town: 'Kolding\u2029X' }],
        ['seminar title', planner, 'patch', `/api/seminars/${seminar.id}`, { title: HOSTILE }],
        [
          'agenda title',
          planner,
          'patch',
          `/api/seminars/${seminar.id}`,
          {
            agenda: [{ startsAt: seminar.startsAt.toISOString(), title: 'Velkomst\r\nX' }],
          },
        ],
        [
          'material title',
          planner,
          'post',
          `/api/seminars/${seminar.id}/materials`,
          {
            title: HOSTILE,
            availableFrom: instant,
            url: 'https://www.kl.dk/',
          },
        ],
      ];
      const fields: Record<string, string> = {
        'staff name': 'name',
        'cycle name': 'name',
        'wave name': 'name',
        'venue name': 'name',
        'venue town': 'town',
        'seminar title': 'title',
        'agenda title': 'agenda.0.title',
        'material title': 'title',
      };
      for (const [what, token, method, url, body] of cases) {
        const res = await t.http()[method](url).auth(token, { type: 'bearer' }).send(body);
        expect([what, res.status, res.body.details?.map((d: { field: string }) => d.field)]).toEqual([
          what,
          400,
          [fields[what]],
        ]);
      }
      // RFC 5987's filename* carries the CR/LF percent-encoded, and the multipart parser decodes it.
      const boundary = 'kattegat-boundary';
      const part = (headers: string, body: Buffer | string) =>
        Buffer.concat([
          Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`),
          Buffer.from(body),
          Buffer.from('\r\n'),
        ]);
      const upload = await t
        .http()
        .post(`/api/seminars/${seminar.id}/materials`)
        .auth(planner, { type: 'bearer' })
        .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
        .send(
          Buffer.concat([
            part('Content-Disposition: form-data; name="title"', 'Slides'),
            part('Content-Disposition: form-data; name="availableFrom"', instant),
            part(
              `Content-Disposition: form-data; name="file"; filename*=UTF-8''slides%0D%0AX-Evil%3A%201.pdf\r\nContent-Type: application/pdf`,
              PDF,
            ),
            Buffer.from(`--${boundary}--\r\n`),
          ]),
        )
        .expect(400);
      expect(upload.body.details).toEqual([
        { field: 'file', reason: 'the file name must not contain line breaks or other control characters' },
      ]);
    });
  });

  describe('in the mail layer, for what got past the API', () => {
    let sink: SmtpSink;
    let t: TestApp;
    let planner: string;

    beforeAll(async () => ({ sink, t, planner } = await startMailingApp()));
    afterAll(() => stopMailingApp({ t, sink }));

    it('sends a message for a hostile name written straight into the database that strict parsers accept', async () => {
      const cycle = await createCycle(t.dataSource);
      const wave = await createWave(t.dataSource, cycle.id);
      const venue = await createVenue(t.dataSource, { name: 'Hotel\r\nX-Evil: 1', town: 'Kolding\u2028' });
      const seminar = await createSeminar(t.dataSource, wave, venue, { title: 'Hold 3\r\nBcc: evil2@x.dk' });
      const [member] = await createMembers(t.dataSource, cycle.id, 1, {
        // PostgreSQL's text cannot hold NUL at all; ESC stands for the rest of C0.
        name: `${HOSTILE}\u2028X-Evil: 2\u001b`,
        email: 'eva@kommune.dk',
      });
      await t
        .http()
        .post(`/api/seminars/${seminar.id}/registrations`)
        .auth(planner, { type: 'bearer' })
        .send({ memberId: member.id })
        .expect(201);
      await expect(t.app.get(DispatcherService).drain()).resolves.toMatchObject({ sent: 1, failed: 0 });
      expect(sink.received).toHaveLength(1);
      const [mail] = sink.received;
      expect(mail.recipients).toEqual(['eva@kommune.dk']);

      const parsed = parseStrictly(mail.raw);
      expect(parsed.defects).toEqual([]);
      expect(parsed.to).toEqual([['Eva Bcc: evil@x.dk X-Evil: 2', 'eva@kommune.dk']]);
      const names = parsed.headers.map(([name]) => name.toLowerCase());
      expect(names).not.toContain('bcc');
      expect(names).not.toContain('x-evil');
      const subject = parsed.headers.find(([name]) => name === 'Subject')![1];
      expect(subject).toContain('Hold 3 Bcc: evil2@x.dk');
      for (const [, value] of parsed.headers) expect(value).not.toMatch(/[\r\n\u2028\u0000]/);
      expect(parsed.parts.map(([, filename]) => filename).filter(Boolean)).toEqual(['kattegat.ics']);

      const ics = await calendarOf(sink, mail.raw);
      const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
      expect(
        vevent
          .getAllProperties()
          .map((p) => p.name)
          .sort(),
      ).toEqual(
        [
          'attendee',
          'description',
          'dtend',
          'dtstamp',
          'dtstart',
          'location',
          'organizer',
          'sequence',
          'status',
          'summary',
          'uid',
        ].sort(),
      );
      const attendees = vevent.getAllProperties('attendee');
      expect(attendees).toHaveLength(1);
      expect(attendees[0].getParameter('cn')).toBe('Eva Bcc: evil@x.dk X-Evil: 2');
      expect(attendees[0].getFirstValue()).toBe('MAILTO:eva@kommune.dk');
      expect(vevent.getFirstPropertyValue('summary')).toBe('Hold 3 Bcc: evil2@x.dk');
      expect(String(vevent.getFirstPropertyValue('location'))).toMatch(
        /^Hotel X-Evil: 1, Fjordvej 154, 6000 Kolding ?$/,
      );
      for (const line of ics.split('\r\n')) expect(line).not.toMatch(/^(BCC|X-EVIL)/i);
    });

    it('folds a hostile subject and attachment name handed to the transport itself', async () => {
      const transport = new SmtpMailTransport(sink.url, t.config);
      try {
        await transport.send({
          key: 'hostile:1',
          to: { name: 'Åse\r\nBcc: evil@x.dk', address: 'aase@kommune.dk' },
          subject: 'Hej\r\nBcc: evil@x.dk\u0085',
          html: '<p>Hej</p>',
          text: 'Hej',
          calendar: { filename: 'møde\r\nX-Evil: 1.ics', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' },
        });
      } finally {
        transport.close();
      }
      const mail = sink.received.find((m) => m.messageId === '<hostile.1@kl.dk>')!;
      expect(mail.recipients).toEqual(['aase@kommune.dk']);
      const parsed = parseStrictly(mail.raw);
      expect(parsed.defects).toEqual([]);
      expect(parsed.to).toEqual([['Åse Bcc: evil@x.dk', 'aase@kommune.dk']]);
      expect(parsed.headers.find(([name]) => name === 'Subject')![1]).toBe('Hej Bcc: evil@x.dk');
      expect(parsed.headers.map(([name]) => name.toLowerCase())).not.toContain('bcc');
      expect(parsed.parts.map(([, filename]) => filename).filter(Boolean)).toEqual(['møde X-Evil: 1.ics']);
    });
  });
});

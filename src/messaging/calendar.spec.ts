import ICAL from 'ical.js';
import { buildCalendar, CalendarEventInput, seatEventUid } from './calendar';

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
  return { calendar, event };
}

const base: CalendarEventInput = {
  uid: seatEventUid(42),
  sequence: 0,
  method: 'REQUEST',
  start: new Date('2026-01-15T12:00:00Z'),
  end: new Date('2026-01-17T11:00:00Z'),
  summary: 'Kattegat-seminar på Hindsgavl Slot',
  description: 'Program: torsdag eftermiddag til lørdag frokost.\nDin side: https://kattegat.test/p/abc',
  location: 'Hindsgavl Slot, Hindsgavl Allé 7, 5500 Middelfart',
  organizer: { name: 'Kattegat', email: 'kattegat@kl.dk' },
  attendee: { name: 'Søren Ærø', email: 'soren@aero.dk' },
  stamp: new Date('2025-12-01T09:00:00Z'),
};

describe('buildCalendar', () => {
  it('makes one REQUEST event for a three-day seminar at 13.00 Copenhagen winter time', () => {
    const { calendar, event } = parse(buildCalendar(base));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(calendar.getAllSubcomponents('vevent')).toHaveLength(1);
    expect(event.uid).toBe('seat-42@kattegat');
    expect(event.sequence).toBe(0);
    expect(event.startDate.zone.tzid).toBe('Europe/Copenhagen');
    expect([event.startDate.hour, event.startDate.minute]).toEqual([13, 0]);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-01-15T12:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-01-17T11:00:00.000Z');
    expect(event.summary).toBe('Kattegat-seminar på Hindsgavl Slot');
    expect(event.location).toBe(base.location);
    expect(event.description).toContain('https://kattegat.test/p/abc');
  });

  it('puts 13.00 summer time (UTC+2) in April, across the change to summer time', () => {
    const { event } = parse(
      buildCalendar({
        ...base,
        start: new Date('2026-04-16T11:00:00Z'),
        end: new Date('2026-04-18T10:00:00Z'),
      }),
    );
    expect([event.startDate.hour, event.startDate.minute]).toEqual([13, 0]);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-04-16T11:00:00.000Z');
    expect([event.endDate.hour, event.endDate.minute]).toEqual([12, 0]);
  });

  it('keeps one event over the night summer time begins: 13.00 winter time to 12.00 summer time', () => {
    // Summer time begins on Sunday 29 March 2026 at 02.00.
    const { calendar, event } = parse(
      buildCalendar({
        ...base,
        start: new Date('2026-03-28T12:00:00Z'),
        end: new Date('2026-03-30T10:00:00Z'),
      }),
    );
    expect(calendar.getAllSubcomponents('vevent')).toHaveLength(1);
    expect([event.startDate.day, event.startDate.hour]).toEqual([28, 13]);
    expect([event.endDate.day, event.endDate.hour]).toEqual([30, 12]);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-03-28T12:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-03-30T10:00:00.000Z');
    expect(event.duration.toSeconds()).toBe(46 * 3600);
  });

  it('names the organizer and the attendee', () => {
    const { event } = parse(buildCalendar(base));
    expect(event.organizer).toMatch(/^mailto:kattegat@kl.dk$/i);
    const [attendee] = event.attendees;
    expect(attendee.getFirstValue()).toMatch(/^mailto:soren@aero.dk$/i);
    expect(attendee.getParameter('cn')).toBe('Søren Ærø');
  });

  it('cancels the same UID with a higher SEQUENCE', () => {
    const { calendar, event } = parse(buildCalendar({ ...base, method: 'CANCEL', sequence: 3 }));
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(event.uid).toBe('seat-42@kattegat');
    expect(event.sequence).toBe(3);
    expect(event.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });
});

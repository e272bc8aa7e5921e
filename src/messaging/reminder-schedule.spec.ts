import { dueReminder } from './reminder-schedule';

describe(dueReminder.name, () => {
  const startsAt = new Date('2026-01-15T12:00:00Z');
  const registeredAt = new Date('2025-12-01T09:00:00Z');
  const at = (iso: string) => dueReminder(new Date(iso), { startsAt, registeredAt }, [14, 2]);

  it('is the nearest configured day whose moment has come', () => {
    expect(at('2025-12-31T11:59:00Z')).toBeNull();
    expect(at('2026-01-01T12:00:00Z')).toBe(14);
    expect(at('2026-01-10T00:00:00Z')).toBe(14);
    expect(at('2026-01-13T12:00:00Z')).toBe(2);
  });

  it('is none once the seminar has begun', () => {
    expect(at('2026-01-15T12:00:00Z')).toBeNull();
  });

  it('is none for a seat taken after the reminder moment', () => {
    const late = { startsAt, registeredAt: new Date('2026-01-14T08:00:00Z') };
    expect(dueReminder(new Date('2026-01-14T09:00:00Z'), late, [14, 2])).toBeNull();
    const between = { startsAt, registeredAt: new Date('2026-01-05T08:00:00Z') };
    expect(dueReminder(new Date('2026-01-06T09:00:00Z'), between, [14, 2])).toBeNull();
    expect(dueReminder(new Date('2026-01-13T13:00:00Z'), between, [14, 2])).toBe(2);
  });
});

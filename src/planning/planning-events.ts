/** What planning publishes when a seminar or a wave changes; the seats and links follow in handlers. */
export interface SeminarCancelled {
  seminarId: number;
  staffId: number;
}

export interface SeminarCapacityRaised {
  seminarId: number;
  capacity: number;
}

/** A new time or venue; the values before the change, for the e-mail that announces it. */
export interface SeminarRescheduled {
  seminarId: number;
  staffId: number;
  previous: { startsAt: Date; endsAt: Date; venueId: number };
}

/** A wave's registration window, or a seminar's end, changed: personal links expire by them. */
export interface RegistrationPeriodChanged {
  cycleId: number;
}

declare module '../database/domain-events' {
  interface DomainEventMap {
    'seminar.cancelled': SeminarCancelled;
    'seminar.capacity_raised': SeminarCapacityRaised;
    'seminar.rescheduled': SeminarRescheduled;
    'registration_period.changed': RegistrationPeriodChanged;
  }
}

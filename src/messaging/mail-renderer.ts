import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Inject, Injectable, Optional } from '@nestjs/common';
import Handlebars from 'handlebars';
import { formatDanishDate, formatDanishDateTime, formatDanishTime } from '../common/danish-time';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { TEMPLATES_DIR } from '../paths';
import {
  CancellationContext,
  ChangeContext,
  EvaluationContext,
  InvitationContext,
  InvitationReminderContext,
  MailRequest,
  MaterialsContext,
  MESSAGE_KINDS,
  MessageKind,
  MoveContext,
  ReminderContext,
  RenderedMail,
  SeatContext,
  SeminarInfo,
  VenueInfo,
  WaitingListContext,
} from './message-kinds';

type Template = Handlebars.TemplateDelegate;

/** `torsdag den 15. januar 2026 kl. 13.00–17.00`, or from … to … over several days. */
export function formatDanishPeriod(start: Date, end: Date): string {
  if (formatDanishDate(start) === formatDanishDate(end)) {
    return `${formatDanishDateTime(start)}–${formatDanishTime(end)}`;
  }
  return `fra ${formatDanishDateTime(start)} til ${formatDanishDateTime(end)}`;
}

function seminarView(seminar: SeminarInfo) {
  return {
    title: seminar.title,
    when: formatDanishPeriod(seminar.start, seminar.end),
    venueName: seminar.venue.name,
    venueAddress: seminar.venue.address,
    agenda: seminar.agenda,
  };
}

function placeView(start: Date, end: Date, venue: VenueInfo) {
  return { when: formatDanishPeriod(start, end), venueName: venue.name, venueAddress: venue.address };
}

/** Headers are one line; a name with a line break must not start a new header or look odd. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function daysAway(days: number): string {
  if (days === 0) return 'i dag';
  if (days === 1) return 'i morgen';
  return `om ${days} dage`;
}

/**
 * Turns a message kind and its context into subject, HTML and text. Templates are compiled
 * once with `strict: true`, so a missing value throws instead of silently printing nothing.
 * The HTML part escapes every value; the text part is text/plain, where HTML escaping would
 * only garble names like "O'Brien", so it is compiled with `noEscape`.
 */
@Injectable()
export class MailRenderer {
  private readonly html = new Map<MessageKind, Template>();
  private readonly text = new Map<MessageKind, Template>();
  private readonly layout: Template;
  private readonly handlebars = Handlebars.create();
  /** The footer's last line: "svar på denne e-mail" only when an answer reaches someone. */
  private readonly footer: { replies: boolean; contact: string | null };

  constructor(@Optional() @Inject(APP_CONFIG) config?: AppConfig) {
    this.footer = {
      replies: config?.mail.repliesReachSomeone ?? false,
      contact: config?.secretariat.email ?? null,
    };
    const partialsDir = join(TEMPLATES_DIR, 'partials');
    // Compiled here: a partial registered as source is compiled again on every e-mail rendered.
    // The text parts' partials (`…-text`) do not escape, as the text templates that use them.
    for (const file of readdirSync(partialsDir).filter((f) => f.endsWith('.hbs'))) {
      const name = basename(file, '.hbs');
      const source = readFileSync(join(partialsDir, file), 'utf8');
      this.handlebars.registerPartial(
        name,
        this.handlebars.compile(source, { strict: true, noEscape: name.endsWith('-text') }),
      );
    }
    const mailDir = join(TEMPLATES_DIR, 'mail');
    const compile = (file: string, noEscape: boolean) =>
      this.handlebars.compile(readFileSync(join(mailDir, file), 'utf8'), { strict: true, noEscape });
    this.layout = compile('layout.hbs', false);
    for (const kind of MESSAGE_KINDS) {
      this.html.set(kind, compile(`${kind}.html.hbs`, false));
      this.text.set(kind, compile(`${kind}.text.hbs`, true));
    }
  }

  /** Dispatches on the kind; the typed methods below are the same thing for a known kind. */
  render(request: MailRequest): RenderedMail {
    switch (request.kind) {
      case 'invitation':
        return this.invitation(request.context);
      case 'invitation_reminder':
        return this.invitationReminder(request.context);
      case 'confirmation':
        return this.confirmation(request.context);
      case 'waiting_list':
        return this.waitingList(request.context);
      case 'promotion':
        return this.promotion(request.context);
      case 'change':
        return this.change(request.context);
      case 'move':
        return this.move(request.context);
      case 'cancellation':
        return this.cancellation(request.context);
      case 'reminder':
        return this.reminder(request.context);
      case 'materials':
        return this.materials(request.context);
      case 'evaluation_request':
        return this.evaluationRequest(request.context);
      case 'evaluation_reminder':
        return this.evaluationReminder(request.context);
    }
  }

  invitation(c: InvitationContext): RenderedMail {
    return this.build(
      'invitation',
      `Invitation til Kattegat-forløbet for nyvalgte kommunalpolitikere`,
      this.invited(c),
    );
  }

  invitationReminder(c: InvitationReminderContext): RenderedMail {
    const subject = c.last
      ? `Sidste påmindelse: Vælg dit Kattegat-seminar${c.deadline ? ` senest ${formatDanishDate(c.deadline)}` : ''}`
      : 'Påmindelse: Vælg dit Kattegat-seminar';
    return this.build('invitation_reminder', subject, { ...this.invited(c), last: c.last });
  }

  private invited(c: InvitationContext) {
    return {
      recipientName: c.recipient.name,
      cycleName: c.cycleName,
      link: c.personalLink,
      deadline: c.deadline ? formatDanishDate(c.deadline) : null,
      duration: c.duration,
    };
  }

  confirmation(c: SeatContext): RenderedMail {
    return this.build('confirmation', `Bekræftelse: Din plads på ${c.seminar.title}`, this.seat(c));
  }

  waitingList(c: WaitingListContext): RenderedMail {
    return this.build('waiting_list', `Du er nummer ${c.position} på ventelisten til ${c.seminar.title}`, {
      ...this.seat(c),
      position: c.position,
      keptSeminar: c.keptSeminar ?? null,
    });
  }

  promotion(c: SeatContext): RenderedMail {
    return this.build('promotion', `Du har fået en plads på ${c.seminar.title}`, this.seat(c));
  }

  change(c: ChangeContext): RenderedMail {
    return this.build('change', `Ændret tid eller sted: ${c.seminar.title}`, {
      ...this.seat(c),
      previous: placeView(c.previous.start, c.previous.end, c.previous.venue),
    });
  }

  move(c: MoveContext): RenderedMail {
    return this.build('move', `Din plads er flyttet til ${c.seminar.title}`, {
      ...this.seat(c),
      swapped: c.swapped,
      previous: { title: c.previous.title, ...placeView(c.previous.start, c.previous.end, c.previous.venue) },
    });
  }

  cancellation(c: CancellationContext): RenderedMail {
    const subjects = {
      member: `Dit afbud er modtaget: ${c.seminar.title}`,
      planner: `Din plads på ${c.seminar.title} er annulleret`,
      seminar_cancelled: `Aflyst: ${c.seminar.title}`,
    };
    return this.build('cancellation', subjects[c.reason], {
      ...this.seat(c),
      byMember: c.reason === 'member',
      byPlanner: c.reason === 'planner',
      seminarCancelled: c.reason === 'seminar_cancelled',
      note: c.note,
    });
  }

  reminder(c: ReminderContext): RenderedMail {
    return this.build('reminder', `Påmindelse: ${c.seminar.title} ${daysAway(c.daysBefore)}`, {
      ...this.seat(c),
      when: daysAway(c.daysBefore),
    });
  }

  materials(c: MaterialsContext): RenderedMail {
    return this.build('materials', `Materiale til ${c.seminar.title} er klar`, {
      ...this.seat(c),
      materials: c.materials.map((m) => ({ title: m.title })),
    });
  }

  evaluationRequest(c: EvaluationContext): RenderedMail {
    return this.build(
      'evaluation_request',
      `Hvordan var ${c.seminar.title}? Giv os din vurdering`,
      this.evaluation(c),
    );
  }

  evaluationReminder(c: EvaluationContext): RenderedMail {
    return this.build(
      'evaluation_reminder',
      `Påmindelse: Giv os din vurdering af ${c.seminar.title}`,
      this.evaluation(c),
    );
  }

  private seat(c: SeatContext) {
    return {
      recipientName: c.recipient.name,
      link: c.personalLink,
      seminar: seminarView(c.seminar),
      checkIn: c.checkIn ?? null,
    };
  }

  private evaluation(c: EvaluationContext) {
    return {
      recipientName: c.recipient.name,
      link: c.evaluationLink,
      seminar: seminarView(c.seminar),
      deadline: c.deadline ? formatDanishDate(c.deadline) : null,
    };
  }

  private build(kind: MessageKind, subject: string, kindView: object): RenderedMail {
    const view = { ...kindView, footer: this.footer };
    const body = this.html.get(kind)!(view);
    const text = this.text.get(kind)!(view).replace(/\n{3,}/g, '\n\n');
    const html = this.layout({ subject: oneLine(subject), body, footer: this.footer });
    return { subject: oneLine(subject), html, text };
  }
}

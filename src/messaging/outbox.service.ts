import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Raw, Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { Dialect } from '../database/dialect';
import { Transactor } from '../database/transactor';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { buildCalendar, CalendarEventInput } from './calendar';
import { MailRenderer } from './mail-renderer';
import { calendarFilename, MailDraft } from './mail-drafts';
import { MailRequest, MessageKind, Recipient, RenderedMail, SeminarInfo } from './message-kinds';
import { OutboxMessage, OutboxStatus } from './outbox-message.entity';
import { sampleMailRequest } from './sample-messages';
import { loadSeminarInfos } from './seminar-info';
import { Member } from '../cycles/member.entity';
import { Seminar } from '../planning/seminar.entity';
import { surveyPageUrl } from '../invitations/personal-links';

/** A message to send: a kind with its context, plus what identifies and schedules it. */
export type EnqueueMessage = MailRequest & {
  /** Unique per cause, e.g. `confirmation:<registrationId>:<sequence>`; a repeat is ignored. */
  key: string;
  memberId?: number | null;
  seminarId?: number | null;
  /** Attach an .ics (REQUEST or CANCEL) built from this. */
  calendar?: CalendarEventInput;
  /** Not before this instant (e.g. a reminder); default now. */
  sendAfter?: Date;
};

/** An e-mail as a member's page lists it. */
export interface MemberMail {
  kind: MessageKind;
  subject: string;
  recipientEmail: string;
  status: OutboxStatus;
  createdAt: Date;
  sentAt: Date | null;
}

export interface EnqueueResult {
  /** False when a message with the key existed already; nothing was written then. */
  created: boolean;
  id: number;
}

export interface MessageFilter {
  memberId?: number;
  seminarId?: number;
  status?: OutboxStatus;
  kind?: MessageKind;
  /** Part of the address it went to. */
  address?: string;
  /** Only messages a recipient's server sent back later (a delivery status notification). */
  bounced?: boolean;
  page: number;
  pageSize: number;
}

@Injectable()
export class OutboxService {
  constructor(
    @InjectRepository(OutboxMessage) private readonly messages: Repository<OutboxMessage>,
    private readonly renderer: MailRenderer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transactor: Transactor,
    private readonly dialect: Dialect,
    private readonly clock: Clock,
  ) {}

  /**
   * Renders the message now and inserts it in the caller's transaction, so it exists exactly
   * when the change that caused it is committed. Idempotent on the key (INSERT … ON CONFLICT
   * DO NOTHING, which does not abort a PostgreSQL transaction the way a unique violation would).
   */
  async enqueue(manager: EntityManager, message: EnqueueMessage): Promise<EnqueueResult> {
    const insert = manager
      .createQueryBuilder()
      .insert()
      .into(OutboxMessage)
      .values(this.row(message))
      .orIgnore()
      .updateEntity(false);
    const id = await this.dialect.insertIgnoringConflict(manager, insert.getQueryAndParameters());
    if (id !== undefined) return { created: true, id };
    const existing = await manager.findOneOrFail(OutboxMessage, {
      where: { key: message.key },
      select: { id: true },
    });
    return { created: false, id: existing.id };
  }

  /**
   * enqueue for many messages at once (an applied allocation confirms thousands of seats): a
   * few multi-row INSERT … ON CONFLICT DO NOTHING statements instead of one per message.
   */
  async enqueueMany(manager: EntityManager, messages: EnqueueMessage[]): Promise<void> {
    await insertIgnoringKnownKeys(
      manager,
      this.dialect,
      messages.map((message) => this.row(message)),
    );
  }

  /**
   * Drafts to write out when the dispatcher claims them (OutboxDrafts), each with the recipient and
   * the seminar as they are now: a few multi-row INSERT … ON CONFLICT DO NOTHING statements and no
   * rendering, so the transaction of their cause ends quickly. The subject and body stay empty
   * until then.
   */
  async enqueueDrafts(
    manager: EntityManager,
    drafts: Array<{ draft: MailDraft; recipient: Recipient; seminar: SeminarInfo }>,
  ): Promise<void> {
    const now = this.clock.now();
    const rows = drafts.map(({ draft, recipient, seminar }) => ({
      key: draft.key,
      kind: draft.kind,
      recipientEmail: recipient.email,
      recipientName: recipient.name,
      memberId: draft.memberId,
      seminarId: draft.seminarId,
      subject: '',
      html: '',
      text: '',
      context: JSON.stringify(draft.context),
      draft: JSON.stringify({ seminar, calendar: draft.calendar ?? null }),
      status: 'pending' as const,
      attempts: 0,
      nextAttemptAt: now,
    }));
    await insertIgnoringKnownKeys(manager, this.dialect, rows);
  }

  /** The outbox row of a message, rendered now. */
  private row(message: EnqueueMessage) {
    const rendered = this.renderer.render(message);
    const recipient = message.context.recipient;
    const ics = message.calendar ? buildCalendar(message.calendar) : null;
    return {
      key: message.key,
      kind: message.kind,
      recipientEmail: recipient.email,
      recipientName: recipient.name,
      memberId: message.memberId ?? null,
      seminarId: message.seminarId ?? null,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      context: keptContext(message.context),
      ics,
      icsFilename: ics ? calendarFilename(message.calendar!) : null,
      status: 'pending' as const,
      attempts: 0,
      nextAttemptAt: message.sendAfter ?? this.clock.now(),
    };
  }

  async list(
    filter: MessageFilter,
  ): Promise<{ items: OutboxMessage[]; total: number; page: number; pageSize: number }> {
    const where = {
      ...(filter.memberId !== undefined ? { memberId: filter.memberId } : {}),
      ...(filter.seminarId !== undefined ? { seminarId: filter.seminarId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.kind ? { kind: filter.kind } : {}),
      ...(filter.address
        ? {
            recipientEmail: Raw((column) => `LOWER(${column}) LIKE :address`, {
              // `_` may stand for itself in an address; a `%` typed would match anything.
              address: `%${filter.address.toLowerCase().replace(/%/g, '')}%`,
            }),
          }
        : {}),
      ...(filter.bounced ? { id: Raw((id) => `${id} IN (SELECT message_id FROM bounces)`) } : {}),
    };
    // Counted apart: TypeORM's findAndCount with `select` counts distinct concatenations of the
    // selected columns on SQLite, and a NULL among them drops the row from the count.
    const [items, total] = await Promise.all([
      this.messages.find({
        where,
        // The bodies hold personal links; the log shows what happened, not what was written.
        select: LOG_COLUMNS,
        order: { id: 'DESC' },
        skip: (filter.page - 1) * filter.pageSize,
        take: filter.pageSize,
      }),
      this.messages.count({ where }),
    ]);
    return { items, total, page: filter.page, pageSize: filter.pageSize };
  }

  /**
   * The newest e-mails to a member, newest first, as the member page lists them: one plain
   * statement of the columns shown, and no count (the page shows no total).
   */
  async ofMember(memberId: number, limit: number): Promise<MemberMail[]> {
    const { rows } = await this.transactor.read((m) =>
      this.dialect.raw<Omit<MemberMail, 'createdAt' | 'sentAt'> & { createdAt: unknown; sentAt: unknown }>(
        m,
        `SELECT kind AS "kind", subject AS "subject", recipient_email AS "recipientEmail",
                status AS "status", created_at AS "createdAt", sent_at AS "sentAt"
         FROM outbox_messages WHERE member_id = :memberId ORDER BY id DESC LIMIT :limit`,
        { memberId, limit },
      ),
    );
    return rows.map((r) => ({
      ...r,
      createdAt: this.dialect.instant(r.createdAt),
      sentAt: r.sentAt === null ? null : this.dialect.instant(r.sentAt),
    }));
  }

  /** How many e-mails to a cycle's members failed for good (a bounce, a refused address). */
  async countFailed(cycleId: number): Promise<number> {
    // A plain statement: Overblik asks on every view.
    const {
      rows: [{ failed }],
    } = await this.transactor.read((m) =>
      this.dialect.raw<{ failed: number }>(
        m,
        `SELECT COUNT(*) AS "failed" FROM outbox_messages
         WHERE status = 'failed' AND member_id IN (SELECT id FROM members WHERE cycle_id = :cycleId)`,
        { cycleId },
      ),
    );
    return Number(failed);
  }

  /** Which of the members have an e-mail that failed for good: their address needs a look. */
  async failedAmong(memberIds: number[]): Promise<Set<number>> {
    if (memberIds.length === 0) return new Set();
    const rows = await this.messages.find({
      select: { memberId: true },
      where: { memberId: In(memberIds), status: 'failed' },
    });
    return new Set(rows.map((r) => r.memberId!));
  }

  /** A message as the log shows it (never the body), or 404. */
  async get(id: number): Promise<OutboxMessage> {
    const message = await this.messages.findOne({ where: { id }, select: LOG_COLUMNS });
    if (!message) throw DomainError.notFound('Message', id);
    return message;
  }

  /** A member as a resend would mail them now, or null once erased. */
  async memberNow(memberId: number): Promise<{ cycleId: number; name: string; email: string | null } | null> {
    const member = await this.messages.manager.findOne(Member, {
      where: { id: memberId },
      select: { id: true, cycleId: true, name: true, email: true, erasedAt: true },
    });
    return member && !member.erasedAt
      ? { cycleId: member.cycleId, name: member.name ?? '', email: member.email }
      : null;
  }

  /** The seminars of a cycle by start, for choosing one in a filter or a preview. */
  seminarChoices(cycleId: number): Promise<Array<{ id: number; title: string; startsAt: Date }>> {
    return this.messages.manager.find(Seminar, {
      where: { cycleId },
      select: { id: true, title: true, startsAt: true },
      order: { startsAt: 'ASC', id: 'ASC' },
    });
  }

  /** The resends of a message (`<key>:resend:<n>`), oldest first. */
  resendsOf(key: string): Promise<OutboxMessage[]> {
    return this.messages
      .createQueryBuilder('m')
      .select(Object.keys(LOG_COLUMNS).map((c) => `m.${c}`))
      .where('m.key LIKE :prefix', { prefix: `${key.replace(/%/g, '')}:resend:%` })
      .orderBy('m.id', 'ASC')
      .getMany();
  }

  /**
   * A kind rendered to look at the wording and layout: with made-up data, or with a real member
   * and/or seminar. Nothing is sent and no link is minted: links point to a visibly fake page.
   */
  async preview(
    kind: MessageKind,
    real: { memberId?: number; seminarId?: number } = {},
  ): Promise<RenderedMail> {
    const base = this.config.publicBaseUrl;
    const sample = sampleMailRequest(kind, base);
    if (real.memberId === undefined && real.seminarId === undefined) return this.renderer.render(sample);
    return this.transactor.run(async (m) => {
      const context: Record<string, unknown> = { ...sample.context };
      if (real.memberId !== undefined) {
        const member = await m.findOne(Member, { where: { id: real.memberId }, relations: { cycle: true } });
        if (!member || member.erasedAt || !member.email) throw DomainError.notFound('Member', real.memberId);
        context.recipient = { name: member.name ?? '', email: member.email };
        if ('cycleName' in context && member.cycle) context.cycleName = member.cycle.name;
      }
      if (real.seminarId !== undefined && 'seminar' in context) {
        const seminar = (await loadSeminarInfos(m, [real.seminarId])).get(real.seminarId);
        if (!seminar) throw DomainError.notFound('Seminar', real.seminarId);
        context.seminar = seminar;
      }
      if ('evaluationLink' in context) context.evaluationLink = surveyPageUrl(base, 'eksempel');
      return this.renderer.render({ kind, context } as unknown as MailRequest);
    });
  }
}

/**
 * Multi-row INSERT … ON CONFLICT DO NOTHING, 100 rows a statement, as raw SQL with bound values
 * (Dialect.raw): every booking in a rush drafts one e-mail, and TypeORM's insert builder cost
 * more than the row. Columns not given get their defaults (`created_at`). The rows are alike, so
 * the first one names the columns.
 */
async function insertIgnoringKnownKeys(
  manager: EntityManager,
  dialect: Dialect,
  rows: Array<Partial<Record<keyof OutboxMessage, unknown>>>,
): Promise<void> {
  if (rows.length === 0) return;
  const metadata = manager.connection.getMetadata(OutboxMessage);
  const properties = Object.keys(rows[0]) as Array<keyof OutboxMessage>;
  const columns = properties.map((p) => metadata.findColumnWithPropertyName(p)!.databaseName);
  for (let i = 0; i < rows.length; i += 100) {
    const parameters: Record<string, unknown> = {};
    const values = rows.slice(i, i + 100).map((row, n) => {
      properties.forEach((property, c) => (parameters[`v${n}_${c}`] = row[property] ?? null));
      return `(${properties.map((_, c) => `:v${n}_${c}`).join(', ')})`;
    });
    await dialect.raw(
      manager,
      `INSERT INTO outbox_messages (${columns.join(', ')}) VALUES ${values.join(', ')} ON CONFLICT DO NOTHING`,
      parameters,
    );
  }
}

/** What a resend needs besides the recipient, the seminar and the links, which it loads and mints afresh. */
function keptContext(context: object): string {
  const {
    recipient: _r,
    seminar: _s,
    personalLink: _p,
    evaluationLink: _e,
    ...rest
  } = context as Record<string, unknown>;
  return JSON.stringify(rest);
}

export const LOG_COLUMNS = {
  id: true,
  key: true,
  kind: true,
  recipientEmail: true,
  recipientName: true,
  memberId: true,
  seminarId: true,
  subject: true,
  icsFilename: true,
  status: true,
  attempts: true,
  nextAttemptAt: true,
  lastError: true,
  smtpResponse: true,
  sentAt: true,
  createdAt: true,
} as const;

import { Body, Get, Param, ParseIntPipe, Post, Query, Req } from '@nestjs/common';
import { AuthenticatedStaff } from '../../auth/authenticated-staff';
import { CurrentStaff } from '../../auth/current-staff.decorator';
import { formatDanishDateTime } from '../../common/danish-time';
import { DomainError } from '../../common/domain-error';
import { BouncesService } from '../../messaging/bounces/bounces.service';
import { MessageResender } from '../../messaging/message-resender';
import { MESSAGE_KINDS } from '../../messaging/message-kinds';
import { OutboxService } from '../../messaging/outbox.service';
import { ReferenceService } from '../../reference/reference.service';
import { CsrfForm } from '../../web/page-form';
import { OnRefusal } from '../../web/page.interceptor';
import { PageRequest } from '../../web/page-request';
import { redirect } from '../../web/page-result';
import { StaffPages } from '../../web/pages.decorators';
import { Refusal } from '../../web/refusal';
import { MAIL_IN_DANISH, MAIL_STATUS_IN_DANISH, subjectOf } from '../members/member-view';
import { listHref, pager } from '../members/member-list-view';
import { consolePage, Crumb } from '../shell/console-page';
import { CycleBarService } from '../shell/cycle-bar.service';
import { problemsOf } from '../shell/form-view';
import { danishCount } from '../statistics/dashboard-view';
import { addressProblemRows } from './address-problems-view';
import { AddressProblemsQuery, LOG_STATUSES, LogStatus, MessageLogQuery } from './message-log.query';
import { messageHistory } from './message-view';

const PAGE_SIZE = 50;
const BASE = '/beskeder';
const STATUS_LABEL: Record<LogStatus, string> = { ...MAIL_STATUS_IN_DANISH, retur: 'Kom retur' };

const option = <T>(value: T, label: string, chosen: T | undefined) => ({
  value,
  label,
  selected: value === chosen,
});

function countText(first: number, shown: number, total: number): string {
  if (total === 0) return 'Ingen e-mails passer på søgningen.';
  if (total === 1) return 'Viser 1 e-mail.';
  return `Viser ${danishCount(first)}–${danishCount(first + shown - 1)} af ${danishCount(total)} e-mails.`;
}

/**
 * Beskeder: the delivery log (filtered in the URL, paged), a message with its history and the
 * servers' answers, resend to the member's current address, and the addresses that do not work.
 * The template previews are in MessagePreviewsController.
 */
@StaffPages('beskeder', 'admin', 'planner')
export class MessagePagesController {
  constructor(
    private readonly outbox: OutboxService,
    private readonly resender: MessageResender,
    private readonly bounces: BouncesService,
    private readonly reference: ReferenceService,
    private readonly cycleBar: CycleBarService,
  ) {}

  @Get()
  async log(
    @Query() query: MessageLogQuery,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Req() req: PageRequest,
  ) {
    const cycle = await this.cycleBar.active(staff);
    const filter = {
      memberId: query.medlem,
      seminarId: query.seminar,
      kind: query.slags,
      status: query.status === 'retur' ? undefined : query.status,
      bounced: query.status === 'retur',
      address: query.adresse?.trim() || undefined,
    };
    let side = query.side ?? 1;
    let found = await this.outbox.list({ ...filter, page: side, pageSize: PAGE_SIZE });
    const last = Math.max(1, Math.ceil(found.total / PAGE_SIZE));
    if (side > last) {
      side = last;
      found = await this.outbox.list({ ...filter, page: side, pageSize: PAGE_SIZE });
    }
    const [seminars, member, bounced] = await Promise.all([
      cycle ? this.outbox.seminarChoices(cycle.id) : [],
      query.medlem ? this.outbox.memberNow(query.medlem) : null,
      this.bounces.bouncedAmong(found.items.map((m) => m.id)),
    ]);
    return consolePage(
      'console-messages',
      {
        title: 'Beskeder',
        breadcrumbs: [{ label: 'Beskeder' }],
        cycleBar: cycle ? await this.cycleBar.bar(staff, req.path, cycle) : null,
      },
      {
        base: BASE,
        adresse: query.adresse ?? '',
        member: query.medlem
          ? {
              id: query.medlem,
              name: member?.name ?? `Medlem ${query.medlem}`,
              clear: listHref(BASE, query, { medlem: undefined, side: undefined }),
            }
          : null,
        seminars: seminars.map((s) =>
          option(s.id, `${s.title}, ${formatDanishDateTime(s.startsAt)}`, query.seminar),
        ),
        kinds: MESSAGE_KINDS.map((k) => option(k, MAIL_IN_DANISH[k], query.slags)),
        statuses: LOG_STATUSES.map((s) => option(s, STATUS_LABEL[s], query.status)),
        count: countText((side - 1) * PAGE_SIZE + 1, found.items.length, found.total),
        rows: found.items.map((m) => ({
          href: `${BASE}/${m.id}`,
          when: formatDanishDateTime(m.sentAt ?? m.createdAt),
          kind: MAIL_IN_DANISH[m.kind],
          subject: subjectOf(m),
          to: m.recipientEmail,
          status: bounced.has(m.id) ? STATUS_LABEL.retur : MAIL_STATUS_IN_DANISH[m.status],
          failed: m.status === 'failed' || bounced.has(m.id),
        })),
        pager: pager(BASE, { ...query, side }, found.total, PAGE_SIZE, 'Sider i listen over e-mails'),
      },
    );
  }

  /** Failed and bouncing addresses of the working cycle, per municipality, each with where to correct it. */
  @Get('adresser')
  async addresses(
    @Query() query: AddressProblemsQuery,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Req() req: PageRequest,
  ) {
    const cycle = await this.cycleBar.active(staff);
    const municipalities = await this.reference.listMunicipalities();
    const nameOf = new Map(municipalities.map((m) => [m.code, m.name]));
    const problems = cycle ? await this.bounces.addressProblems(cycle.id, query.kommune) : [];
    return consolePage(
      'console-message-addresses',
      {
        title: 'Adresser, der ikke virker',
        breadcrumbs: [{ label: 'Beskeder', href: BASE }, { label: 'Adresser, der ikke virker' }],
        cycleBar: cycle ? await this.cycleBar.bar(staff, req.path, cycle) : null,
      },
      {
        cycle: cycle ? { code: cycle.code } : null,
        municipalities: municipalities.map((m) => option(m.code, m.name, query.kommune)),
        count:
          problems.length === 1
            ? '1 medlem har en adresse, der ikke virker.'
            : `${danishCount(problems.length)} medlemmer har en adresse, der ikke virker.`,
        rows: addressProblemRows(problems, (code) => nameOf.get(code) ?? String(code)),
      },
    );
  }

  @Get(':id')
  messagePage(@Req() req: PageRequest) {
    return this.showMessage(null, req);
  }

  /** The message page again, with why a resend was refused. */
  async showMessage(refusal: Refusal | null, req: PageRequest) {
    const id = Number((req.params as Record<string, string>).id);
    if (!Number.isSafeInteger(id)) throw DomainError.notFound('Message', String(id));
    const message = await this.outbox.get(id);
    const [bounces, resends, member] = await Promise.all([
      this.bounces.bouncesOf(id),
      this.outbox.resendsOf(message.key),
      message.memberId ? this.outbox.memberNow(message.memberId) : null,
    ]);
    const staff = req.staff!;
    const cycle = await this.cycleBar.active(staff);
    const crumbs: Crumb[] = [{ label: 'Beskeder', href: BASE }, { label: subjectOf(message) }];
    return consolePage(
      'console-message',
      {
        title: subjectOf(message),
        breadcrumbs: crumbs,
        cycleBar: cycle ? await this.cycleBar.bar(staff, req.path, cycle) : null,
      },
      {
        problems: problemsOf(refusal),
        notice: req.query.besked === 'sendt-igen',
        message: {
          id: message.id,
          kind: MAIL_IN_DANISH[message.kind],
          to: `${message.recipientName} <${message.recipientEmail}>`,
          status: bounces.length > 0 ? STATUS_LABEL.retur : MAIL_STATUS_IN_DANISH[message.status],
          calendar: message.icsFilename,
        },
        member:
          member && message.memberId
            ? {
                name: member.name,
                href: `/valgperioder/${member.cycleId}/medlemmer/${message.memberId}`,
                editHref: `/valgperioder/${member.cycleId}/medlemmer/${message.memberId}/rediger`,
                logHref: `${BASE}?medlem=${message.memberId}`,
                email: member.email,
                changed:
                  member.email !== null &&
                  member.email.toLowerCase() !== message.recipientEmail.toLowerCase(),
              }
            : null,
        resendable: message.status === 'sent' || message.status === 'failed',
        history: messageHistory(message, bounces, resends),
      },
    );
  }

  @Post(':id/send-igen')
  @OnRefusal('showMessage')
  async resend(@Param('id', ParseIntPipe) id: number, @Body() _form: CsrfForm) {
    const copy = await this.resender.resend(id);
    return redirect(`${BASE}/${copy.id}?besked=sendt-igen`);
  }
}

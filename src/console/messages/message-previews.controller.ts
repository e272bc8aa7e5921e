import { Get, Param, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuthenticatedStaff } from '../../auth/authenticated-staff';
import { CurrentStaff } from '../../auth/current-staff.decorator';
import { callerOf } from '../../cycles/caller';
import { formatDanishDateTime } from '../../common/danish-time';
import { DomainError } from '../../common/domain-error';
import { MemberRegisterService } from '../../invitations/member-register.service';
import { MESSAGE_KINDS, MessageKind } from '../../messaging/message-kinds';
import { OutboxService } from '../../messaging/outbox.service';
import { PageRequest } from '../../web/page-request';
import { StaffPages } from '../../web/pages.decorators';
import { MAIL_IN_DANISH } from '../members/member-view';
import { consolePage } from '../shell/console-page';
import { CycleBarService } from '../shell/cycle-bar.service';
import { PreviewChoiceQuery } from './message-log.query';
import { inertLinks } from './message-view';

const BASE = '/beskeder/skabeloner';

/**
 * The mail's own HTML in a frame of its own: nothing may load or run in it (its styles are
 * inline, as mail clients want them), and only the console may frame it.
 */
const PREVIEW_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox";

function kindOf(kind: string): MessageKind {
  if (!(MESSAGE_KINDS as readonly string[]).includes(kind)) throw DomainError.notFound('Message kind', kind);
  return kind as MessageKind;
}

/**
 * Template previews: every kind of e-mail for a chosen member and seminar, as the member would get
 * it (HTML in a sandboxed frame with its own strict CSP, and the text part), without sending and
 * without minting a link: the links in a preview open nothing.
 */
@StaffPages('beskeder/skabeloner', 'admin', 'planner')
export class MessagePreviewsController {
  constructor(
    private readonly outbox: OutboxService,
    private readonly register: MemberRegisterService,
    private readonly cycleBar: CycleBarService,
  ) {}

  @Get()
  async choose(
    @Query() query: PreviewChoiceQuery,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Req() req: PageRequest,
  ) {
    const cycle = await this.cycleBar.active(staff);
    const seminars = cycle ? await this.outbox.seminarChoices(cycle.id) : [];
    const search = query.medlem?.trim() ?? '';
    const found =
      cycle && search ? await this.register.page(cycle.id, { q: search }, callerOf(staff), 1, 1) : null;
    const member = found?.rows[0] && !found.rows[0].erased ? found.rows[0] : null;
    const seminar = seminars.find((s) => s.id === query.seminar) ?? null;
    const params = new URLSearchParams({
      ...(member ? { medlem: String(member.id) } : {}),
      ...(seminar ? { seminar: String(seminar.id) } : {}),
    }).toString();
    return consolePage(
      'console-message-previews',
      {
        title: 'Skabeloner',
        breadcrumbs: [{ label: 'Beskeder', href: '/beskeder' }, { label: 'Skabeloner' }],
        cycleBar: cycle ? await this.cycleBar.bar(staff, req.path, cycle) : null,
      },
      {
        medlem: search,
        seminars: seminars.map((s) => ({
          value: s.id,
          label: `${s.title}, ${formatDanishDateTime(s.startsAt)}`,
          selected: s.id === seminar?.id,
        })),
        shownFor: member ? `${member.name} (${member.email ?? 'ingen adresse'})` : null,
        notFound: search !== '' && !member,
        seminar: seminar ? `${seminar.title}, ${formatDanishDateTime(seminar.startsAt)}` : null,
        kinds: MESSAGE_KINDS.map((k) => ({
          label: MAIL_IN_DANISH[k],
          href: `${BASE}/${k}${params ? `?${params}` : ''}`,
        })),
      },
    );
  }

  @Get(':kind')
  async show(
    @Param('kind') kind: string,
    @Query('medlem') member: string | undefined,
    @Query('seminar') seminar: string | undefined,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Req() req: PageRequest,
  ) {
    const chosen = this.chosen(member, seminar);
    const mail = await this.outbox.preview(kindOf(kind), chosen);
    const cycle = await this.cycleBar.active(staff);
    const params = new URLSearchParams(
      Object.entries({ medlem: member, seminar }).filter((e): e is [string, string] =>
        /^\d+$/.test(e[1] ?? ''),
      ),
    ).toString();
    return consolePage(
      'console-message-preview',
      {
        title: `Skabelon: ${MAIL_IN_DANISH[kind as MessageKind]}`,
        breadcrumbs: [
          { label: 'Beskeder', href: '/beskeder' },
          { label: 'Skabeloner', href: BASE },
          { label: MAIL_IN_DANISH[kind as MessageKind] },
        ],
        cycleBar: cycle ? await this.cycleBar.bar(staff, req.path, cycle) : null,
      },
      {
        subject: mail.subject,
        text: mail.text,
        frame: `${BASE}/${kind}/html${params ? `?${params}` : ''}`,
        back: BASE,
      },
    );
  }

  /** The HTML part alone, for the preview's frame; @Res for the CSP of its own. */
  @Get(':kind/html')
  async html(
    @Param('kind') kind: string,
    @Query('medlem') member: string | undefined,
    @Query('seminar') seminar: string | undefined,
    @Res() res: Response,
  ) {
    const mail = await this.outbox.preview(kindOf(kind), this.chosen(member, seminar));
    res
      .status(200)
      .set({
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': PREVIEW_CSP,
        'Cache-Control': 'no-store',
      })
      .send(inertLinks(mail.html));
  }

  private chosen(member: string | undefined, seminar: string | undefined) {
    const id = (v: string | undefined) => (v && /^\d{1,9}$/.test(v) ? Number(v) : undefined);
    return { memberId: id(member), seminarId: id(seminar) };
  }
}

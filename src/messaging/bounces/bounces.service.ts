import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Clock } from '../../common/clock';
import { danishCompare } from '../../common/danish-order';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Member } from '../../cycles/member.entity';
import { Dialect } from '../../database/dialect';
import { DomainEvents } from '../../database/domain-events';
import { Transactor } from '../../database/transactor';
import { OutboxMessage } from '../outbox-message.entity';
import './bounce-events';
import { Bounce } from './bounce.entity';
import { parseDeliveryStatus, RecipientStatus } from './delivery-status';
import { messageOfReturnPath } from './verp';

/** An address of a member that does not work now: a message refused at sending, or sent back later. */
export interface AddressProblem {
  memberId: number;
  cycleId: number;
  name: string;
  email: string;
  municipalityCode: number;
  /** `failed`: refused when sent; `bounced`: taken, then sent back (a delivery status notification). */
  kind: 'failed' | 'bounced';
  /** The remote server's words, e.g. `5.1.1 smtp; 550 5.1.1 user unknown`. */
  reason: string;
  at: Date;
  messageId: number;
}

/**
 * Bounces: notifications sent to a message's VERP return path, taken by the listener, mark the
 * address it went to. The mark holds while the member's address is that address, so correcting
 * it on the member's page clears it.
 */
@Injectable()
export class BouncesService {
  private readonly logger = new Logger(BouncesService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transactor: Transactor,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    private readonly dialect: Dialect,
  ) {}

  /** Whether an envelope recipient is a return path the app made (the listener refuses others). */
  accepts(address: string): boolean {
    return this.messageOf(address) !== null;
  }

  /** A mail that reached return paths: how many addresses it marked (0 for an out-of-office answer). */
  async receive(returnPaths: string[], raw: string): Promise<number> {
    const ids = [...new Set(returnPaths.map((a) => this.messageOf(a)).filter((id) => id !== null))];
    const statuses = parseDeliveryStatus(raw);
    const failed = statuses?.find((s) => s.action === 'failed');
    if (!failed) {
      this.logger.log(`Mail to ${ids.length} return path(s) is no failed delivery notification; ignored`);
      return 0;
    }
    let marked = 0;
    for (const id of ids) if (await this.record(id, failed)) marked++;
    return marked;
  }

  private record(messageId: number, status: RecipientStatus): Promise<boolean> {
    return this.transactor.run(async (manager) => {
      const message = await manager.findOne(OutboxMessage, {
        where: { id: messageId },
        select: { id: true, memberId: true, recipientEmail: true },
      });
      // Gone: the member was erased since.
      if (!message) return false;
      if (await manager.existsBy(Bounce, { messageId, status: status.status })) return false;
      await manager.insert(Bounce, {
        messageId,
        memberId: message.memberId,
        address: message.recipientEmail.toLowerCase(),
        action: status.action,
        status: status.status,
        diagnostic: status.diagnostic,
        receivedAt: this.clock.now(),
      });
      this.logger.warn(`Message ${messageId} bounced: ${status.status}`);
      await this.events.publish(manager, 'address.bounced', {
        messageId,
        memberId: message.memberId,
        status: status.status,
      });
      return true;
    });
  }

  /** Which of these messages came back. */
  async bouncedAmong(messageIds: number[]): Promise<Set<number>> {
    if (messageIds.length === 0) return new Set();
    const rows = await this.transactor.run((m) =>
      m.find(Bounce, { where: { messageId: In(messageIds) }, select: { messageId: true } }),
    );
    return new Set(rows.map((r) => r.messageId));
  }

  /** The bounces of a message, oldest first. */
  bouncesOf(messageId: number): Promise<Bounce[]> {
    return this.transactor.run((m) => m.find(Bounce, { where: { messageId }, order: { id: 'ASC' } }));
  }

  /**
   * The members of a cycle (of one municipality, if given) whose current address failed or
   * bounced, the newest problem per member, by name.
   */
  addressProblems(cycleId: number, municipalityCode?: number): Promise<AddressProblem[]> {
    return this.transactor.run(async (m) => {
      const [bounced, failed] = await Promise.all([
        this.bounced(m, cycleId, municipalityCode),
        this.failed(m, cycleId, municipalityCode),
      ]);
      const newest = new Map<number, AddressProblem>();
      for (const p of [...bounced, ...failed]) {
        const known = newest.get(p.memberId);
        if (!known || known.at < p.at) newest.set(p.memberId, p);
      }
      return [...newest.values()].sort((a, b) => danishCompare(a.name, b.name));
    });
  }

  private members(m: EntityManager, cycleId: number, municipalityCode: number | undefined) {
    const q = m
      .createQueryBuilder(Member, 'mb')
      .select(['mb.id AS "memberId"', 'mb.cycle_id AS "cycleId"', 'mb.name AS name', 'mb.email AS email'])
      .addSelect('mb.municipality_code', 'municipalityCode')
      .where('mb.cycle_id = :cycleId', { cycleId })
      .andWhere('mb.erased_at IS NULL');
    return municipalityCode === undefined
      ? q
      : q.andWhere('mb.municipality_code = :code', { code: municipalityCode });
  }

  private async bounced(
    m: EntityManager,
    cycleId: number,
    code: number | undefined,
  ): Promise<AddressProblem[]> {
    const rows = await this.members(m, cycleId, code)
      .innerJoin(Bounce, 'b', 'b.member_id = mb.id AND b.address = LOWER(mb.email)')
      .addSelect([
        'b.status AS status',
        'b.diagnostic AS diagnostic',
        'b.received_at AS at',
        'b.message_id AS "messageId"',
      ])
      .getRawMany<RawProblem & { status: string; diagnostic: string | null }>();
    return rows.map((r) =>
      problem(r, this.dialect.instant(r.at), 'bounced', [r.status, r.diagnostic].filter(Boolean).join(' ')),
    );
  }

  private async failed(
    m: EntityManager,
    cycleId: number,
    code: number | undefined,
  ): Promise<AddressProblem[]> {
    const rows = await this.members(m, cycleId, code)
      .innerJoin(
        OutboxMessage,
        'o',
        "o.member_id = mb.id AND o.status = 'failed' AND LOWER(o.recipient_email) = LOWER(mb.email)",
      )
      .addSelect(['o.last_error AS reason', 'o.next_attempt_at AS at', 'o.id AS "messageId"'])
      .getRawMany<RawProblem & { reason: string | null }>();
    return rows.map((r) => problem(r, this.dialect.instant(r.at), 'failed', r.reason ?? ''));
  }

  private messageOf(address: string): number | null {
    const { domain, secret } = this.config.bounces;
    return domain && secret ? messageOfReturnPath(address, domain, secret) : null;
  }
}

interface RawProblem {
  memberId: number;
  cycleId: number;
  name: string;
  email: string;
  municipalityCode: number;
  at: unknown;
  messageId: number;
}

function problem(r: RawProblem, at: Date, kind: AddressProblem['kind'], reason: string): AddressProblem {
  return {
    memberId: Number(r.memberId),
    cycleId: Number(r.cycleId),
    name: r.name,
    email: r.email,
    municipalityCode: Number(r.municipalityCode),
    kind,
    reason,
    at,
    messageId: Number(r.messageId),
  };
}

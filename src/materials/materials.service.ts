import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager, FindOptionsWhere, In, IsNull, LessThanOrEqual, Like } from 'typeorm';
import { hasControlCharacters } from '../common/control-characters';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Cycle } from '../cycles/cycle.entity';
import { Member } from '../cycles/member.entity';
import { Dialect } from '../database/dialect';
import { namedQuery } from '../database/named-query';
import { Transactor } from '../database/transactor';
import { OutboxMessage } from '../messaging/outbox-message.entity';
import { Seminar } from '../planning/seminar.entity';
import { Registration } from '../registrations/registration.entity';
import { SeatToTell, seatsToTell } from './announcement-rule';
import { sniffMaterialType } from './content-sniffing';
import { CreateMaterialDto } from './dto/create-material.dto';
import { Material } from './material.entity';

/** Where a material belongs: one seminar, or the whole cycle. */
export type MaterialScope = { seminarId: number } | { cycleId: number };

/** The part of multer's file object this module uses. */
export interface UploadedMaterialFile {
  originalname: string;
  size: number;
  buffer: Buffer;
}

/** Members see a seminar's materials while their seat there is (or was) taken. */
const ENTITLED_STATES = ['registered', 'attended'] as const;

/**
 * Whether a member whose seats in the cycle are in these states may see any material: without
 * such a seat forMember finds none, so the personal page need not ask (most members at a rush).
 */
export function entitledToMaterials(states: readonly string[]): boolean {
  return states.some((state) => (ENTITLED_STATES as readonly string[]).includes(state));
}

export interface MaterialAnnouncement {
  materialId: number;
  cycleId: number;
  /** null for a cycle-wide material. */
  seminarId: number | null;
  title: string;
  memberIds: number[];
}

@Injectable()
export class MaterialsService {
  constructor(
    private readonly transactor: Transactor,
    private readonly dialect: Dialect,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  create(
    scope: MaterialScope,
    input: CreateMaterialDto,
    file: UploadedMaterialFile | undefined,
    staffId: number,
  ): Promise<Material> {
    const content = this.contentOf(input.url, file);
    return this.transactor.run(async (m) => {
      const { cycleId, seminarId } = await this.resolveScope(m, scope);
      const saved = await m.save(
        m.create(Material, {
          cycleId,
          seminarId,
          title: input.title,
          ...content.columns,
          availableFrom: new Date(input.availableFrom),
          announcedAt: null,
          createdBy: staffId,
        }),
      );
      await this.writeBytes(m, saved.id, content.bytes);
      return saved;
    });
  }

  list(scope: MaterialScope): Promise<Material[]> {
    return this.transactor.run(async (m) => {
      const { cycleId, seminarId } = await this.resolveScope(m, scope);
      return m.find(Material, {
        where: 'seminarId' in scope ? { seminarId: seminarId! } : { cycleId },
        order: { availableFrom: 'ASC', id: 'ASC' },
      });
    });
  }

  /** A material with its bytes, for staff. */
  withContent(scope: MaterialScope, id: number): Promise<Material> {
    return this.transactor.run(async (m) => {
      const material = await this.findWithContent(m, await this.inScope(m, scope, id));
      if (!material) throw DomainError.notFound('Material', id);
      return material;
    });
  }

  remove(scope: MaterialScope, id: number): Promise<void> {
    return this.transactor.run(async (m) => {
      const result = await m.delete(Material, await this.inScope(m, scope, id));
      if (!result.affected) throw DomainError.notFound('Material', id);
    });
  }

  /** One material of the scope, without its bytes. */
  get(scope: MaterialScope, id: number): Promise<Material> {
    return this.transactor.run((m) => this.found(m, scope, id));
  }

  /**
   * Puts a new file or link in the material's place. Its date and announcement stay: those told
   * already find the new content behind the same link on their page.
   */
  replace(
    scope: MaterialScope,
    id: number,
    url: string | undefined,
    file: UploadedMaterialFile | undefined,
  ): Promise<Material> {
    const content = this.contentOf(url, file);
    return this.transactor.run(async (m) => {
      const material = await this.found(m, scope, id);
      await m.update(Material, { id: material.id }, content.columns);
      await this.writeBytes(m, material.id, content.bytes);
      return m.findOneByOrFail(Material, { id: material.id });
    });
  }

  /** The "materials available" e-mails written for a material (a resend included), newest first. */
  toldAbout(materialId: number): Promise<OutboxMessage[]> {
    return this.transactor.run((m) =>
      m.find(OutboxMessage, {
        where: { key: Like(`materials:${materialId}:%`) },
        select: {
          id: true,
          memberId: true,
          recipientName: true,
          recipientEmail: true,
          status: true,
          sentAt: true,
          createdAt: true,
        },
        order: { id: 'DESC' },
      }),
    );
  }

  /** How many members a material not yet announced will tell on its date, as the seats are now. */
  async countToTell(material: Material, now = new Date()): Promise<number> {
    const when = material.availableFrom > now ? material.availableFrom : now;
    return (await this.transactor.run((m) => this.seatsToTell(m, material, when))).length;
  }

  /** The seminars a material of the cycle can belong to, in date order. */
  seminarsOf(cycleId: number): Promise<Seminar[]> {
    return this.transactor.run((m) =>
      m.find(Seminar, { where: { cycleId }, order: { startsAt: 'ASC', id: 'ASC' } }),
    );
  }

  /** What the member's page lists: available materials of the seminars the member has a seat at. */
  forMember(member: Member, now = new Date()) {
    return this.transactor.read(async (m) => {
      // One plain statement: every personal page view reads it, and TypeORM's building of two
      // finds and hydrating of entities cost more than the answer. The same rule as visibleTo.
      const { rows } = await this.dialect.raw<{
        id: number;
        title: string;
        kind: string;
        fileName: string | null;
      }>(
        m,
        `SELECT id, title, kind, file_name AS "fileName" FROM materials
         WHERE cycle_id = :cycle AND available_from <= :now
           AND EXISTS (SELECT 1 FROM registrations r
             WHERE r.cycle_id = :cycle AND r.member_id = :member AND r.state IN (:...entitled)
               AND (materials.seminar_id IS NULL OR r.seminar_id = materials.seminar_id))
         ORDER BY available_from ASC, id ASC`,
        { cycle: member.cycleId, member: member.id, now, entitled: [...ENTITLED_STATES] },
      );
      return rows.map((row) => ({
        id: Number(row.id),
        title: row.title,
        isLink: row.kind === 'link',
        fileName: row.fileName ?? '',
      }));
    });
  }

  /** The material with its bytes if the member may have it now, else null (the page says 404). */
  forMemberDownload(member: Member, id: number, now = new Date()): Promise<Material | null> {
    return this.transactor.run(async (m) => {
      const visible = await this.visibleTo(m, member, now);
      if (!visible.some((material) => material.id === id)) return null;
      return this.findWithContent(m, { id });
    });
  }

  /** Materials whose availability has come and that were not yet announced, with who should hear. */
  announcementsDue(now = new Date()): Promise<MaterialAnnouncement[]> {
    return this.transactor.run(async (m) => {
      const due = await m.find(Material, {
        where: { announcedAt: IsNull(), availableFrom: LessThanOrEqual(now) },
        order: { id: 'ASC' },
      });
      const announcements: MaterialAnnouncement[] = [];
      for (const material of due) {
        const seats = await this.seatsToTell(m, material, now);
        announcements.push({
          materialId: material.id,
          cycleId: material.cycleId,
          seminarId: material.seminarId,
          title: material.title,
          memberIds: seats.map((s) => s.memberId),
        });
      }
      return announcements;
    });
  }

  /**
   * The seats whose members are told about a material now: entitled seats (of its seminar, or of
   * the cycle for a cycle-wide one) of members not erased, whose seminar has not ended.
   */
  async seatsToTell(
    m: EntityManager,
    material: Pick<Material, 'cycleId' | 'seminarId'>,
    now: Date,
  ): Promise<SeatToTell[]> {
    const seats = await m.find(Registration, {
      where: {
        cycleId: material.cycleId,
        state: In([...ENTITLED_STATES]),
        ...(material.seminarId === null ? {} : { seminarId: material.seminarId }),
        member: { erasedAt: IsNull() },
      },
      relations: { member: true, seminar: true },
    });
    return seatsToTell(
      seats.map((s) => ({ memberId: s.memberId, seminarId: s.seminarId, seminarEndsAt: s.seminar!.endsAt })),
      now,
    );
  }

  /** Records that the announcement was made; false when another instance got there first. */
  async markAnnounced(manager: EntityManager, materialId: number, now = new Date()): Promise<boolean> {
    const result = await manager.update(
      Material,
      { id: materialId, announcedAt: IsNull() },
      { announcedAt: now },
    );
    return (result.affected ?? 0) > 0;
  }

  /** The columns a file or a link fills, and the file's bytes; refused unless exactly one is given. */
  private contentOf(url: string | undefined, file: UploadedMaterialFile | undefined) {
    if (file && url !== undefined) {
      throw new DomainError(
        'validation_failed',
        'material.file_and_url',
        'Send either a file or a url, not both',
        [{ field: 'url', reason: 'not allowed together with a file' }],
      );
    }
    if (!file) {
      if (url === undefined)
        throw new DomainError(
          'validation_failed',
          'material.file_or_url_missing',
          'A material needs a file or a url',
          [{ field: 'file', reason: 'a file (multipart) or a url is required' }],
        );
      const columns = {
        kind: 'link' as const,
        url,
        fileName: null,
        contentType: null,
        size: null,
        sha256: null,
      };
      return { columns, bytes: null };
    }
    if (hasControlCharacters(file.originalname)) {
      // The name goes into Content-Disposition when the file is downloaded.
      throw new DomainError(
        'validation_failed',
        'material.file_name_invalid',
        'The file name holds control characters',
        [{ field: 'file', reason: 'the file name must not contain line breaks or other control characters' }],
      );
    }
    const checked = this.checkedFile(file);
    const columns = {
      kind: 'file' as const,
      url: null,
      fileName: file.originalname,
      contentType: checked.contentType,
      size: file.size,
      sha256: checked.sha256,
    };
    return { columns, bytes: file.buffer };
  }

  /** A file's bytes go in by hand (see Material.content); a link clears them. */
  private writeBytes(m: EntityManager, id: number, bytes: Buffer | null) {
    return namedQuery(m, 'UPDATE materials SET content = :bytes WHERE id = :id', { bytes, id });
  }

  private async found(m: EntityManager, scope: MaterialScope, id: number): Promise<Material> {
    const material = await m.findOneBy(Material, await this.inScope(m, scope, id));
    if (!material) throw DomainError.notFound('Material', id);
    return material;
  }

  /** The material `id`, found only within its seminar or cycle. */
  private async inScope(m: EntityManager, scope: MaterialScope, id: number) {
    const { cycleId } = await this.resolveScope(m, scope);
    return { id, ...('seminarId' in scope ? { seminarId: scope.seminarId } : { cycleId }) };
  }

  private checkedFile(file: UploadedMaterialFile) {
    // Multer enforces the limit while reading; this guards callers that bypass it.
    if (file.size > this.config.materialMaxBytes) {
      throw new DomainError(
        'payload_too_large',
        'material.too_large',
        `The file is larger than ${this.config.materialMaxBytes} bytes`,
      );
    }
    const sniffed = sniffMaterialType(file.buffer, file.originalname);
    if (!sniffed) {
      throw new DomainError(
        'unsupported_media_type',
        'material.type_not_accepted',
        'Only PDF, PowerPoint, Word, Excel (.pptx/.docx/.xlsx or .ppt/.doc/.xls), PNG and JPEG files are accepted; ' +
          'the content of this file is none of them',
      );
    }
    return {
      contentType: sniffed.contentType,
      sha256: createHash('sha256').update(file.buffer).digest('hex'),
    };
  }

  private async resolveScope(m: EntityManager, scope: MaterialScope) {
    if ('seminarId' in scope) {
      const seminar = await m.findOneBy(Seminar, { id: scope.seminarId });
      if (!seminar) throw DomainError.notFound('Seminar', scope.seminarId);
      return { cycleId: seminar.cycleId, seminarId: seminar.id };
    }
    if (!(await m.existsBy(Cycle, { id: scope.cycleId }))) throw DomainError.notFound('Cycle', scope.cycleId);
    return { cycleId: scope.cycleId, seminarId: null };
  }

  private async visibleTo(m: EntityManager, member: Member, now: Date): Promise<Material[]> {
    const seats = await m.findBy(Registration, {
      cycleId: member.cycleId,
      memberId: member.id,
      state: In([...ENTITLED_STATES]),
    });
    if (seats.length === 0) return [];
    const seminarIds = [...new Set(seats.map((s) => s.seminarId))];
    return m.find(Material, {
      where: [
        { cycleId: member.cycleId, seminarId: In(seminarIds), availableFrom: LessThanOrEqual(now) },
        { cycleId: member.cycleId, seminarId: IsNull(), availableFrom: LessThanOrEqual(now) },
      ],
      order: { availableFrom: 'ASC', id: 'ASC' },
    });
  }

  private async findWithContent(m: EntityManager, where: FindOptionsWhere<Material>) {
    const material = await m.findOne(Material, { where });
    if (!material) return null;
    const [row] = await namedQuery<{ content: Buffer | null }>(
      m,
      'SELECT content FROM materials WHERE id = :id',
      { id: material.id },
    );
    material.content = row?.content ?? null;
    return material;
  }
}

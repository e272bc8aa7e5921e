import { formatDanishDateTime } from '../../common/danish-time';
import { Material } from '../../materials/material.entity';
import { OutboxMessage, OutboxStatus } from '../../messaging/outbox-message.entity';
import { Seminar } from '../../planning/seminar.entity';

const MAIL_STATUS: Record<OutboxStatus, string> = {
  pending: 'Venter på at blive sendt',
  sending: 'Sendes',
  sent: 'Sendt',
  failed: 'Kunne ikke leveres',
};

/** `1,2 MB`, `340 kB`: a file's size as the list shows it. */
export function danishSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} kB`;
}

/** The seminar a material belongs to, or the whole cycle. */
export function scopeLabel(material: Pick<Material, 'seminarId'>, seminars: Seminar[]): string {
  if (material.seminarId === null) return 'Hele valgperioden';
  const seminar = seminars.find((s) => s.id === material.seminarId);
  return seminar ? seminarLabel(seminar) : 'Seminar';
}

export function seminarLabel(seminar: Seminar): string {
  return `${seminar.title}, ${formatDanishDateTime(seminar.startsAt)}`;
}

/** What the material is (a file with its name and size, or a link) and where it stands. */
export function materialRow(material: Material, seminars: Seminar[], told: number, base: string) {
  return {
    href: `${base}/${material.id}`,
    title: material.title,
    scope: scopeLabel(material, seminars),
    content:
      material.kind === 'link'
        ? `Link: ${material.url}`
        : `Fil: ${material.fileName} (${danishSize(material.size ?? 0)})`,
    availableFrom: formatDanishDateTime(material.availableFrom),
    state: material.announcedAt
      ? `Besked sendt ${formatDanishDateTime(material.announcedAt)} til ${toldText(told)}`
      : 'Ikke sendt endnu',
    told,
  };
}

export const toldText = (n: number) => (n === 1 ? '1 medlem' : `${n} medlemmer`);

/** The e-mails that told members about a material: who, where, and how far each got. */
export function toldRows(messages: OutboxMessage[]) {
  return messages.map((m) => ({
    name: m.recipientName,
    email: m.recipientEmail,
    status: MAIL_STATUS[m.status],
    failed: m.status === 'failed',
    when: formatDanishDateTime(m.sentAt ?? m.createdAt),
  }));
}

/** How many members the e-mails reached (a resend is the same member again). */
export const membersTold = (messages: OutboxMessage[]) => new Set(messages.map((m) => m.memberId)).size;

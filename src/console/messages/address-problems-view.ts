import { formatDanishDateTime } from '../../common/danish-time';
import { AddressProblem } from '../../messaging/bounces/bounces.service';

const PROBLEM_IN_DANISH: Record<AddressProblem['kind'], string> = {
  failed: 'Afvist ved afsendelse',
  bounced: 'Kom retur',
};

/** Rows of the "Adresser, der ikke virker" table: each links to where the address is corrected. */
export function addressProblemRows(problems: AddressProblem[], municipalityName?: (code: number) => string) {
  return problems.map((p) => ({
    name: p.name,
    email: p.email,
    editHref: `/valgperioder/${p.cycleId}/medlemmer/${p.memberId}/rediger`,
    municipality: municipalityName?.(p.municipalityCode) ?? null,
    what: PROBLEM_IN_DANISH[p.kind],
    reason: p.reason || '–',
    when: formatDanishDateTime(p.at),
    messageHref: `/beskeder/${p.messageId}`,
  }));
}

import { excelCsv } from '../../common/excel-csv';
import { MemberRole } from '../member.entity';

export const ROLE_IN_DANISH: Record<MemberRole, string> = {
  member: 'medlem',
  mayor: 'borgmester',
  deputy_mayor: 'viceborgmester',
  committee_chair: 'udvalgsformand',
};

export interface ExportedMember {
  name: string | null;
  email: string | null;
  phone: string | null;
  municipalityName: string;
  regionName: string;
  listLetter: string;
  listName: string;
  newlyElected: boolean;
  role: MemberRole;
  diet: string | null;
  accessibility: string | null;
  note: string | null;
}

// Header names the import reads back, so an exported file can be corrected and imported again.
const HEADER = [
  'Navn',
  'E-mail',
  'Telefon',
  'Kommune',
  'Region',
  'Partibogstav',
  'Listenavn',
  'Nyvalgt',
  'Rolle',
  'Kost',
  'Tilgængelighed',
  'Note',
];

/** The register as Danish Excel opens it: UTF-8 with BOM, `;` between cells, CRLF between rows. */
export function membersToCsv(members: ExportedMember[]): string {
  return excelCsv([
    HEADER,
    ...members.map((m) => [
      m.name,
      m.email,
      m.phone,
      m.municipalityName,
      m.regionName,
      m.listLetter,
      m.listName,
      m.newlyElected ? 'ja' : 'nej',
      ROLE_IN_DANISH[m.role],
      m.diet,
      m.accessibility,
      m.note,
    ]),
  ]);
}

import { toCsv } from '../common/csv';
import { GroupResult } from './results';

type Figures = GroupResult & { basedOn: number };

export interface NamedGroup {
  level: 'Forløb' | 'Bølge' | 'Seminar';
  name: string;
  result: Figures;
}

const HEADER = [
  'Niveau',
  'Navn',
  'Inviterede',
  'Svar',
  'Svarprocent',
  'Tallene bygger på',
  'Spørgsmål',
  'Besvaret',
  'Gennemsnit',
  'NPS',
  'Fordeling',
  'Fritekst',
  'Bemærkning',
];

/** Danish Excel reads a decimal comma. */
const decimal = (value: number | undefined | null) =>
  value === undefined || value === null ? '' : String(value).replace('.', ',');

/**
 * One row per group and question, and one more per free-text answer. A group of fewer than five
 * answers gives counts only, as in the JSON.
 */
export function resultsToCsv(groups: NamedGroup[]): string {
  const rows: Array<Array<string | null>> = [];
  for (const { level, name, result } of groups) {
    const group = [
      level,
      name,
      String(result.invited),
      String(result.responses),
      result.responseRate === null ? '' : decimal(Math.round(result.responseRate * 1000) / 10),
      String(result.basedOn),
    ];
    const note = result.suppressed
      ? 'Under 5 svar: kun antal vises'
      : result.basedOn < result.responses
        ? 'Seminarer med under 5 svar er udeladt af tallene'
        : '';
    for (const q of result.questions) {
      const distribution = q.distribution
        ? Object.entries(q.distribution)
            .map(([k, n]) => `${k}: ${n}`)
            .join(' | ')
        : '';
      rows.push([
        ...group,
        q.text,
        String(q.answered),
        decimal(q.mean),
        decimal(q.nps),
        distribution,
        '',
        note,
      ]);
      for (const text of q.texts ?? []) rows.push([...group, q.text, '', '', '', '', text, '']);
    }
  }
  return toCsv(HEADER, rows);
}

import type { ProposalView } from '../../allocation/allocation.service';
import type { ProposalStatus } from '../../allocation/allocation-proposal.entity';
import { ProposalSummary, SeminarFill, seminarLabel } from '../../allocation/proposal-summary';
import { danishNumber, toCsv } from '../../common/csv';
import { danishCompare } from '../../common/danish-order';
import { formatDanishDateTime } from '../../common/danish-time';
import { danishCount } from '../statistics/dashboard-view';

export const STATUS_TEXT: Record<ProposalStatus, string> = {
  solving: 'Beregnes',
  ready: 'Klar',
  failed: 'Mislykkedes',
  applied: 'Anvendt',
  discarded: 'Kasseret',
};

const RULES_TEXT: Record<string, string> = {
  none: 'Ingen regel (korteste rejser)',
  municipality: 'Kommunereglen',
  party: 'Partireglen',
  both: 'Kommune- og partireglen',
};

/** Rows shown in full before the rest go behind a CSV or a details element. */
const SHOWN = 100;

export const km = (n: number) => `${n.toLocaleString('da-DK', { maximumFractionDigits: 1 })} km`;
const percent = (n: number) => `${n.toLocaleString('da-DK', { maximumFractionDigits: 1 })} %`;
const fill = (rate: number) => percent(Math.round(rate * 1000) / 10);

/** "1 plads" / "12 pladser". */
export const seatsText = (n: number) => `${danishCount(n)} ${n === 1 ? 'plads' : 'pladser'}`;

export function membersText(n: number): string {
  return n === 1 ? '1 medlem' : `${danishCount(n)} medlemmer`;
}

/** "K = 3, P = 8" or what is off, as the lists and headings say it. */
export function rulesText(p: Pick<ProposalView, 'kUsed' | 'pUsed'>): string {
  const k = p.kUsed === null ? 'ingen kommuneregel' : `K = ${p.kUsed}`;
  const party = p.pUsed === null ? 'ingen partiregel' : `P = ${p.pUsed}`;
  return `${k}, ${party}`;
}

export function scopeText(p: ProposalView, waveNames: Map<number, string>): string {
  const replan = p.options.replan;
  if (replan)
    return replan.capacity === null
      ? 'Omfordeling efter et aflyst seminar'
      : `Omfordeling: et seminar får ${seatsText(replan.capacity)}`;
  return p.waveId === null ? 'Hele valgperioden' : (waveNames.get(p.waveId) ?? `Bølge ${p.waveId}`);
}

/** The line a solving proposal shows, updated by polling. */
export function progressText(p: ProposalView): string {
  if (p.status !== 'solving') return STATUS_TEXT[p.status];
  const since = p.heartbeatAt ? ` Sidste livstegn ${formatDanishDateTime(new Date(p.heartbeatAt))}.` : '';
  if (!p.progress) return `Forslaget beregnes.${since}`;
  const phase =
    p.progress.phase === 'most_placed'
      ? 'Finder, hvor mange der kan få plads'
      : 'Finder de korteste rejser for dem';
  const gap = p.progress.gap === null ? '' : `, afstand til bevist optimum ${percent(p.progress.gap * 100)}`;
  return `${phase} (${Math.round(p.progress.seconds)} s${gap}).${since}`;
}

/** The headline figures of a proposal, for the list and the comparison. */
export function figures(s: ProposalSummary) {
  const none = s.rulePrices.find((r) => r.rules === 'none');
  const mixing = none ? s.totalKm - none.totalKm : null;
  return {
    placed: `${danishCount(s.placed)} af ${membersText(s.members)}`,
    unplaced: danishCount(s.unplacedCount),
    totalKm: km(s.totalKm),
    averageKm: km(s.averageKm),
    optimumKm: none ? km(none.totalKm) : '–',
    mixing:
      mixing === null || !none || none.placed !== s.placed
        ? '–'
        : `${km(mixing)} (${percent(none.totalKm === 0 ? 0 : (mixing / none.totalKm) * 100)})`,
    gap: s.optimality.gapPercent === null ? 'ukendt' : percent(s.optimality.gapPercent),
    proven: s.optimality.gapPercent === 0 && s.optimality.placedProven,
    timeLimitHit: s.optimality.timeLimitHit,
    longest: s.longestTrips[0] ? km(s.longestTrips[0].km) : '–',
    moves: danishCount(new Set([...s.moves, ...(s.replanned ?? [])].map((m) => m.memberId)).size),
    detours: danishCount((s.detours ?? []).length),
    solve: `${(s.solveMs / 1000).toLocaleString('da-DK', { maximumFractionDigits: 1 })} s`,
  };
}

/** The most members of one municipality in a seminar, and which municipalities have that many. */
function mostOfOne(s: SeminarFill, k: number | null) {
  const counts = s.municipalities.map((m) => ({ name: m.name, n: m.seated + m.proposed }));
  const most = Math.max(0, ...counts.map((c) => c.n));
  const atMost = counts.filter((c) => c.n === most && most > 0).map((c) => c.name);
  return {
    most: danishCount(most),
    atCap: k !== null && most >= k,
    names:
      atMost.length > 4
        ? `${atMost.slice(0, 4).join(', ')} og ${atMost.length - 4} flere`
        : atMost.join(', '),
  };
}

export function seminarRows(s: ProposalSummary) {
  return s.seminars.map((f) => ({
    label: seminarLabel(f),
    capacity: danishCount(f.capacity),
    seated: danishCount(f.seated),
    proposed: danishCount(f.proposed),
    fill: fill(f.fillRate),
    municipalities: danishCount(f.municipalities.length),
    ...mostOfOne(f, s.kUsed),
    all: f.municipalities
      .filter((m) => m.seated + m.proposed > 0)
      .map((m) => `${m.name} ${m.seated + m.proposed}`)
      .join(', '),
  }));
}

/** Counted per reason, the largest group first. */
function byReason(rows: { reason: string }[]) {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.reason, (counts.get(r.reason) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || danishCompare(a[0], b[0]))
    .map(([reason, n]) => ({ reason, count: danishCount(n) }));
}

const nameOf = (row: { name: string | null; memberId: number }) => row.name ?? `Medlem ${row.memberId}`;

/** Everything the review page shows of a solved proposal. */
export function reviewModel(s: ProposalSummary) {
  const titles = new Map(s.seminars.map((f) => [f.seminarId, seminarLabel(f)]));
  const title = (id: number | null) => (id === null ? 'Ingen plads' : (titles.get(id) ?? `Seminar ${id}`));
  const detours = [...(s.detours ?? [])].sort((a, b) => b.extraKm - a.extraKm || a.memberId - b.memberId);
  const movedBy = new Map((s.replanned ?? []).map((r) => [r.memberId, r.reason]));
  const moves = [
    ...(s.replanned ?? []).map((r) => ({ ...r, to: title(r.toSeminarId) })),
    ...s.moves
      .filter((m) => !movedBy.has(m.memberId))
      .map((m) => ({ ...m, to: title(m.toSeminarId), reason: 'Kortere rejse (omfordeling)' })),
  ];
  return {
    figures: figures(s),
    prices: s.rulePrices.map((r) => ({
      rules: RULES_TEXT[r.rules] ?? r.rules,
      placed: danishCount(r.placed),
      totalKm: km(r.totalKm),
      extra: r.extraKm === null ? '–' : `${km(r.extraKm)} (${percent(r.extraPercent ?? 0)})`,
    })),
    binding: s.bindingRules.map((b) => b.text),
    preference: s.placedAtPreference.map((p) => ({ rank: p.rank, members: membersText(p.members) })),
    seminars: seminarRows(s),
    longest: s.longestTrips.map((t) => ({
      name: nameOf(t),
      municipality: t.municipality,
      seminar: t.seminar,
      km: km(t.km),
    })),
    unplacedByReason: byReason(s.unplaced),
    unplaced: s.unplaced
      .slice(0, SHOWN)
      .map((u) => ({ name: nameOf(u), municipality: u.municipality, reason: u.reason })),
    unplacedMore: Math.max(0, s.unplaced.length - SHOWN),
    moves: moves
      .slice(0, SHOWN)
      .map((m) => ({ name: nameOf(m), from: title(m.fromSeminarId), to: m.to, reason: m.reason })),
    movesMore: Math.max(0, moves.length - SHOWN),
    detoursByReason: byReason(detours),
    detours: detours.slice(0, SHOWN).map((d) => ({
      name: nameOf(d),
      municipality: d.municipality,
      seminar: title(d.seminarId),
      nearest: title(d.nearestSeminarId),
      extra: km(d.extraKm),
      reason: d.reason,
    })),
    detoursMore: Math.max(0, detours.length - SHOWN),
    keptSeats: s.keptSeats,
  };
}

/** "Giver 2.500 pladser og sender 2.500 bekræftelser": what applying does, said before it is done. */
export function applyText(placements: readonly { fromRegistrationId: number | null }[]): string {
  if (placements.length === 0) return 'Ændrer ingen pladser og sender ingen e-mails';
  const moved = placements.filter((p) => p.fromRegistrationId !== null).length;
  const seats = placements.length - moved;
  const parts: string[] = [];
  if (seats > 0) parts.push(`giver ${seatsText(seats)}`);
  if (moved > 0) parts.push(`flytter ${membersText(moved)}`);
  const mails = seats + moved;
  const sentence = `${parts.join(', ')} og sender ${danishCount(mails)} ${mails === 1 ? 'bekræftelse' : 'bekræftelser'}`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** Two proposals' figures side by side, and each seminar's fill in both. */
export function compareRows(a: ProposalSummary, b: ProposalSummary) {
  const fa = figures(a);
  const fb = figures(b);
  const labels: Array<[keyof typeof fa, string]> = [
    ['placed', 'Får plads'],
    ['unplaced', 'Uden plads'],
    ['totalKm', 'Samlet rejse'],
    ['averageKm', 'Gennemsnitlig rejse'],
    ['optimumKm', 'Korteste rejser uden regler'],
    ['mixing', 'Prisen for blandingen'],
    ['longest', 'Længste rejse'],
    ['detours', 'Ikke i nærmeste seminar'],
    ['moves', 'Flyttes'],
    ['gap', 'Bevist afstand til optimum'],
    ['solve', 'Beregningstid'],
  ];
  const rows = [
    { label: 'Regler', a: rulesText(a), b: rulesText(b) },
    ...labels.map(([key, label]) => ({ label, a: String(fa[key]), b: String(fb[key]) })),
  ];
  const bById = new Map(b.seminars.map((f) => [f.seminarId, f]));
  const ids = [...new Set([...a.seminars.map((f) => f.seminarId), ...b.seminars.map((f) => f.seminarId)])];
  const aById = new Map(a.seminars.map((f) => [f.seminarId, f]));
  const seminars = ids.map((id) => {
    const x = aById.get(id);
    const y = bById.get(id);
    const side = (f: SeminarFill | undefined, s: ProposalSummary) =>
      f ? `${fill(f.fillRate)}, højst ${mostOfOne(f, s.kUsed).most} fra én kommune` : '–';
    return { title: seminarLabel((x ?? y)!), a: side(x, a), b: side(y, b) };
  });
  return { rows, seminars };
}

/** The full members-per-municipality-per-seminar table, one row per (seminar, municipality). */
export function municipalityCsv(seminars: readonly SeminarFill[]): string {
  const rows = seminars.flatMap((f) =>
    f.municipalities.map((m) => [
      f.title,
      f.town,
      f.date ?? '',
      m.name,
      danishNumber(m.seated),
      danishNumber(m.proposed),
      danishNumber(m.seated + m.proposed),
    ]),
  );
  return toCsv(['Seminar', 'By', 'Dato', 'Kommune', 'Har plads', 'Foreslået', 'I alt'], rows);
}

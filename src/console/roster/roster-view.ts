import { toCsv } from '../../common/csv';
import { formatDanishDate } from '../../common/danish-time';
import { RosterSeat, SeminarChoice } from '../../registrations/seat-views.service';
import { SeatState } from '../../registrations/seat-state';
import { danishCount } from '../statistics/dashboard-view';

const STATE_IN_DANISH: Record<SeatState, string> = {
  registered: 'Tilmeldt',
  attended: 'Deltog',
  no_show: 'Udeblev',
  waitlisted: 'På venteliste',
  swap_waiting: 'Venter på at bytte hertil',
  cancelled: 'Meldt afbud',
};

/** A roster line as the pages show it; `municipality` is the name, `list` letter and name. */
export interface RosterLine {
  registrationId: number;
  memberId: number;
  name: string;
  email: string;
  municipality: string;
  list: string;
  diet: string;
  accessibility: string;
  state: string;
  /** Only registered seats can be moved or cancelled from the roster; waiting places too can be cancelled. */
  movable: boolean;
  promotable: boolean;
}

export function rosterLines(seats: RosterSeat[], municipalityName: (code: number) => string): RosterLine[] {
  return seats.map((s) => ({
    registrationId: s.registrationId,
    memberId: s.memberId,
    name: s.name,
    email: s.email,
    municipality: municipalityName(s.municipalityCode),
    list: `${s.listLetter} – ${s.listName}`,
    diet: s.diet ?? '',
    accessibility: s.accessibility ?? '',
    state: STATE_IN_DANISH[s.state],
    movable: s.state === 'registered',
    promotable: s.state === 'waitlisted',
  }));
}

/** Lines whose name holds every word of the search, case and accents as typed (Danish collation aside). */
export function searchLines(lines: RosterLine[], query: string): RosterLine[] {
  const words = query.trim().toLocaleLowerCase('da').split(/\s+/).filter(Boolean);
  return lines.filter((l) => words.every((w) => l.name.toLocaleLowerCase('da').includes(w)));
}

/** "1 ledig plads" / "3 ledige pladser" / "fuldt". */
export function freeSeats(n: number): string {
  if (n === 0) return 'fuldt';
  return n === 1 ? '1 ledig plads' : `${danishCount(n)} ledige pladser`;
}

/** The move select's options: every other published seminar with its date and free seats; full ones can't be picked. */
export function moveChoices(choices: SeminarChoice[], fromSeminarId: number, selected: number | undefined) {
  return choices
    .filter((c) => c.id !== fromSeminarId)
    .map((c) => ({
      value: c.id,
      label: `${c.title}, ${formatDanishDate(c.startsAt)} – ${freeSeats(c.free)}`,
      disabled: c.free === 0,
      selected: c.id === selected,
    }));
}

/** What e-mail each seat action sends, in the words of the planner's question pages. */
export const mailOf = {
  booked: (name: string, title: string) =>
    `${name} får en bekræftelse med en kalenderinvitation: »Bekræftelse: Din plads på ${title}«.`,
  waitlisted: (name: string, title: string, position: number) =>
    `Seminaret er fuldt, så ${name} kommer på ventelisten som nr. ${position} og får e-mailen »Du er nummer ${position} på ventelisten til ${title}«.`,
  moved: (name: string, title: string | null) =>
    title === null
      ? `${name} får én e-mail om flytningen med det nye seminars tid og sted, og kalenderinvitationen flytter med.`
      : `${name} får én e-mail, »Din plads er flyttet til ${title}«, og kalenderinvitationen flytter med.`,
  cancelled: (name: string, title: string) =>
    `${name} får e-mailen »Din plads på ${title} er annulleret«, og kalenderinvitationen aflyses.`,
  promoted: (name: string, title: string) =>
    `${name} får e-mailen »Du har fået en plads på ${title}« med en kalenderinvitation.`,
};

/**
 * Who takes a freed place: the first on the waiting list (who may hold a seat elsewhere and wait to
 * swap here, and then is moved), or nobody.
 */
export function nextUp(waitingList: RosterSeat[], title: string): string {
  const first = waitingList[0];
  if (!first) return 'Ventelisten er tom, så pladsen bliver ledig.';
  if (first.state === 'swap_waiting')
    return `${first.name} er først på ventelisten og flyttes hertil fra sit andet seminar; ${mailOf.moved(first.name, title)}`;
  return `${first.name} er først på ventelisten og rykker op. ${mailOf.promoted(first.name, title)}`;
}

/** The roster as Danish Excel opens it (see toCsv): place, who, where from, needs, status. */
export function rosterCsv(participants: RosterLine[], waitingList: RosterLine[]): string {
  const row = (place: string, l: RosterLine) => [
    place,
    l.name,
    l.email,
    l.municipality,
    l.list,
    l.diet,
    l.accessibility,
    l.state,
  ];
  return toCsv(
    ['Plads', 'Navn', 'E-mail', 'Kommune', 'Liste', 'Kost og allergier', 'Tilgængelighed', 'Status'],
    [
      ...participants.map((l, i) => row(String(i + 1), l)),
      ...waitingList.map((l, i) => row(`Venteliste ${i + 1}`, l)),
    ],
  );
}

/** Badges in pages of `perPage` (2 × 4 on A4), so each sheet breaks cleanly when printed. */
export function badgeSheets<T>(lines: T[], perPage = 8): T[][] {
  const sheets: T[][] = [];
  for (let i = 0; i < lines.length; i += perPage) sheets.push(lines.slice(i, i + perPage));
  return sheets;
}

/** The notices a finished action asks the roster to show (`?besked=`). */
export const ROSTER_NOTICES: Record<string, string> = {
  tilmeldt: 'Medlemmet er tilmeldt, og bekræftelsen er på vej.',
  venteliste: 'Seminaret var fuldt, så medlemmet står nu på ventelisten og får besked om det.',
  flyttet: 'Pladsen er flyttet, og medlemmet får én e-mail om flytningen.',
  afbud:
    'Pladsen er annulleret, og medlemmet får besked. Stod nogen på ventelisten, har den første fået pladsen.',
  'rykket-op': 'Medlemmet er rykket op fra ventelisten og får besked.',
};

/** A refused seat action in the planner's words (the catalogue speaks to the member). */
const PLANNER_REFUSALS: Record<string, string> = {
  'seat.already_in_cycle': 'Medlemmet har allerede en plads i valgperioden. Flyt den plads i stedet.',
  'seat.already_at_seminar': 'Medlemmet står allerede på dette seminar.',
  'seat.seminar_full': 'Det seminar blev fuldt. Medlemmet beholder sin nuværende plads.',
  'seat.move_to_same_seminar': 'Medlemmet har allerede sin plads på det seminar.',
  'seat.changed_meanwhile': 'Pladsen blev ændret samtidig. Se oplysningerne herunder og prøv igen.',
  'seat.transition_not_allowed': 'Pladsen er ændret, så det kan ikke længere lade sig gøre.',
  'seat.seminar_not_published': 'Seminaret er ikke åbent for tilmelding.',
};

export function plannerRefusal(code: string, summary: string): string {
  return PLANNER_REFUSALS[code] ?? summary;
}

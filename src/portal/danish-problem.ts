import { DomainError } from '../common/domain-error';

const KNOWN: Array<[RegExp, string]> = [
  [/has closed/, 'Tilmeldingen til det seminar er lukket.'],
  [/not opened yet/, 'Tilmeldingen til det seminar er ikke åbnet endnu.'],
  [/is full/, 'Seminaret er fuldt. Du beholder din nuværende plads.'],
  [/already has a .* seat at this seminar/, 'Du har allerede en plads på det seminar.'],
  [/already has/, 'Du har allerede en plads i forløbet. Brug "Skift til dette seminar" i stedet.'],
  [/has begun/, 'Seminaret er begyndt. Kontakt kursusadministrationen, hvis du vil melde afbud.'],
  [/changed meanwhile/, 'Din plads blev ændret samtidig. Prøv igen.'],
  [/is (draft|cancelled|completed)/, 'Det seminar er ikke åbent for tilmelding.'],
];

/** A refusal worded in Danish for the member, shown as it is. */
export class DanishError extends DomainError {}

/** The member's pages speak Danish; a seat refusal from the service becomes a sentence they understand. */
export function danishProblem(error: DomainError): string {
  if (error instanceof DanishError) return error.message;
  if (error.code === 'not_found') return 'Seminaret findes ikke.';
  return (
    KNOWN.find(([pattern]) => pattern.test(error.message))?.[1] ?? 'Det kunne ikke lade sig gøre. Prøv igen.'
  );
}

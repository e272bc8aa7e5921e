import { DomainError } from '../common/domain-error';
import { DanishError, danishProblem } from './danish-problem';

describe('danishProblem', () => {
  it.each([
    ['Registration for this seminar has closed', 'Tilmeldingen til det seminar er lukket.'],
    ['Seminar 4 is full; the current seat is kept', 'Seminaret er fuldt. Du beholder din nuværende plads.'],
    ['Member 3 already has a registered seat at this seminar', 'Du har allerede en plads på det seminar.'],
    ['Something nobody foresaw', 'Det kunne ikke lade sig gøre. Prøv igen.'],
  ])('turns "%s" into Danish', (message, danish) => {
    expect(danishProblem(new DomainError('conflict', message))).toBe(danish);
  });

  it('keeps a message that is already Danish', () => {
    expect(danishProblem(new DanishError('conflict', 'Du har ingen plads at skifte'))).toBe(
      'Du har ingen plads at skifte',
    );
  });
});

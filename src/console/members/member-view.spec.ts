import { subjectOf } from './member-view';

describe(subjectOf.name, () => {
  it('gives a written message its subject, and a queued one its kind until it is written', () => {
    expect(subjectOf({ kind: 'confirmation', subject: 'Du har fået en plads på Kattegat Kolding' })).toBe(
      'Du har fået en plads på Kattegat Kolding',
    );
    expect(subjectOf({ kind: 'confirmation', subject: '' })).toBe('Bekræftelse (skrives, når den sendes)');
  });
});

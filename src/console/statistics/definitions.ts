/** What each number on the statistics pages counts, shown beside the figure (issue 16, point 5). */
export const DEFINITIONS: Record<string, string> = {
  Nyvalgte: 'medlemmer valgt for første gang i valgperioden (også dem, der siden er slettet)',
  Inviterede: 'nyvalgte, der har fået en invitation',
  'Meldt fra': 'nyvalgte, der har svaret, at de ikke kan deltage, og hverken har plads eller venteplads',
  Tilmeldte: 'nyvalgte med en plads på et seminar, også dem, der siden deltog eller udeblev',
  'På venteliste': 'nyvalgte, der står på en venteliste',
  Deltog: 'nyvalgte, der er registreret som mødt',
  Udeblev: 'nyvalgte med en plads, der ikke mødte op',
  'Dækning (%)': 'deltog ÷ nyvalgte; – når der ingen nyvalgte er',
  Pladser: 'seminarets pladser (et aflyst seminar tæller ikke med i bølgens)',
  'Besatte pladser': 'alle medlemmer med en plads, nyvalgte og genvalgte (tilmeldt, deltog eller udeblev)',
  Fremmødte: 'alle medlemmer registreret som mødt',
  Udeblevne: 'alle medlemmer med en plads, der ikke mødte op',
  Venteliste: 'alle medlemmer på seminarets venteliste',
  'Belægning (%)': 'besatte pladser ÷ pladser',
  'Forskel (procentpoint)': 'dækningen i den seneste valgperiode minus dækningen i den første',
  Tilmeldinger: 'pladser taget i ugen, direkte eller fra ventelisten',
  Afbud: 'pladser opgivet i ugen, også når et seminar blev aflyst',
  'Tilmeldinger i alt': 'tilmeldinger til og med ugen',
  Svar: 'besvarede spørgeskemaer (anonyme)',
  'Svarprocent (%)': 'svar ÷ deltagere, der fik spørgeskemaet',
  'Anbefaling (NPS)':
    'andel, der svarer 9–10, minus andel, der svarer 0–6, på spørgsmålet om at anbefale forløbet; fra −100 til 100',
  Gennemsnit: 'gennemsnittet af svarene på spørgsmålets egen skala',
  Antal: 'svar med denne værdi',
  'Andel (%)': 'antal ÷ svar på spørgsmålet',
};

/** The definitions of the columns that have one, in the table's order; a cycle's code is left out of the label. */
export function definitionsOf(labels: string[], strip: string[] = []): Array<{ term: string; text: string }> {
  const seen = new Set<string>();
  return labels.flatMap((label) => {
    const term = strip.reduce((l, s) => l.replace(` ${s}`, ''), label);
    if (seen.has(term) || !DEFINITIONS[term]) return [];
    seen.add(term);
    return [{ term, text: DEFINITIONS[term] }];
  });
}

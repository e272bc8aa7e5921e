import { ExportedMember, membersToCsv } from './members-csv';

describe(membersToCsv.name, () => {
  const member: ExportedMember = {
    name: 'Åse "Aase" Bøgh',
    email: 'aase@odense.dk',
    phone: null,
    municipalityName: 'Odense',
    regionName: 'Region Syddanmark',
    listLetter: 'V',
    listName: 'Venstre, Danmarks Liberale Parti',
    newlyElected: false,
    role: 'mayor',
    diet: 'vegetar; ingen nødder',
    accessibility: null,
    note: 'linje 1\nlinje 2',
  };

  it('starts with a BOM, separates with ; and ends rows with CRLF', () => {
    const csv = membersToCsv([member]);
    expect(csv.startsWith('\uFEFFNavn;E-mail;')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(3);
  });

  it('quotes cells holding ; quotes or line breaks, and writes Danish words', () => {
    const row = membersToCsv([member]).split('\r\n')[1];
    expect(row).toBe(
      '"Åse ""Aase"" Bøgh";aase@odense.dk;;Odense;Region Syddanmark;V;Venstre, Danmarks Liberale Parti;' +
        'nej;borgmester;"vegetar; ingen nødder";;"linje 1\nlinje 2"',
    );
  });
});

/**
 * The one Danish catalogue: what a page or an e-mail says about a refusal, keyed by the stable code
 * of the DomainError (the API keeps its English `message` beside the code). `{name}` is filled in
 * from the error's params; the types make a throw site pass every param its text names.
 */
export const ERROR_TEXTS = {
  // Requests the application could not take at all (set by the exception filters).
  'request.invalid': 'Nogle af oplysningerne er ikke udfyldt rigtigt.',
  'request.malformed': 'Forespørgslen kunne ikke læses.',
  'request.not_found': 'Siden findes ikke.',
  'request.forbidden': 'Du har ikke adgang til dette.',
  'request.too_large': 'Det, der blev sendt, fylder for meget.',
  'request.unsupported_media_type': 'Den slags indhold kan ikke modtages her.',
  'request.failed': 'Det kunne ikke lade sig gøre. Prøv igen.',
  'service.unavailable': 'Tjenesten svarer ikke lige nu. Prøv igen om lidt.',
  'internal.error': 'Der skete en fejl hos os. Prøv igen om lidt.',

  // Pages: links, forms and staff sessions.
  'link.unknown': 'Linket er forkert, udløbet eller erstattet af et nyere link.',
  'link.too_many_attempts': 'Der er prøvet for mange links, der ikke virker. Vent et kvarter, og prøv igen.',
  'form.expired': 'Formularen er udløbet. Prøv igen.',

  // Staff accounts and log-in.
  'auth.bearer_missing': 'Log ind først.',
  'auth.credentials_missing': 'Skriv både e-mail og adgangskode.',
  'auth.wrong_credentials': 'Forkert e-mail eller adgangskode.',
  'auth.too_many_attempts': 'For mange forkerte forsøg. Vent et kvarter, og prøv igen.',
  'auth.route_closed': 'Siden er ikke åben for nogen rolle.',
  'auth.role_not_allowed': 'Din rolle giver ikke adgang til dette.',
  'auth.second_factor_required': 'Skriv koden fra din godkendelsesapp.',
  'auth.second_factor_wrong': 'Koden er forkert eller for gammel. Skriv den kode, appen viser nu.',
  'auth.second_factor_enrolment_required':
    'Din rolle kræver totrinsbekræftelse. Log ind i konsollen, og sæt den op, før du bruger API’et.',
  'auth.second_factor_already_on': 'Totrinsbekræftelse er allerede slået til.',
  'auth.sign_in_expired': 'Log ind igen: der gik for lang tid, før koden blev skrevet.',
  'auth.current_password_wrong': 'Den nuværende adgangskode er forkert.',
  'session.not_found': 'Sessionen findes ikke, eller den er allerede afsluttet.',
  'staff.not_found': 'Medarbejderkontoen findes ikke.',
  'staff.email_taken': 'Der findes allerede en medarbejderkonto med den e-mail.',
  'staff.municipality_not_for_role': 'Kun en kommunal kontaktperson er knyttet til en kommune.',
  'staff.municipality_required': 'En kommunal kontaktperson skal knyttes til en kommune.',
  'staff.municipality_unknown': 'Kommunen findes ikke.',
  'staff.last_admin':
    'Kontoen er den sidste aktive administrator. Opret eller genåbn en anden administrator først.',

  // Reference data.
  'municipality.not_found': 'Kommunen findes ikke.',
  'region.not_found': 'Regionen findes ikke.',

  // Cycles, members and imports.
  'cycle.not_found': 'Valgperioden findes ikke.',
  'cycle.code_taken': 'Der findes allerede en valgperiode med den kode.',
  'cycle.fields_required': 'Felterne kan ikke tømmes.',
  'cycle.term_before_election': 'Valgperioden skal begynde efter valgdagen.',
  'member.not_found': 'Medlemmet findes ikke.',
  'member.email_taken': 'Et andet medlem i valgperioden har allerede den e-mail.',
  'member.fields_required': 'Felterne kan ikke tømmes.',
  'member.erased': 'Medlemmet er slettet og kan ikke ændres.',
  'member.municipality_unknown': 'Kommunen findes ikke.',
  'member.list_invalid': 'Listen eller partiet kan ikke bruges.',
  'member.other_municipality': 'Din konto kan kun se og ændre medlemmer i din egen kommune.',
  'member.region_not_allowed': 'Din konto kan ikke se medlemmer i den region.',
  'import.file_missing': 'Vælg en fil at indlæse.',
  'import.file_empty': 'Filen er tom.',
  'import.xls_not_supported': 'Gamle Excel-filer (.xls) kan ikke læses. Gem filen som .xlsx eller CSV.',
  'import.csv_unreadable': 'CSV-filen kan ikke læses.',
  'import.xlsx_invalid': 'Filen ligner en zip-fil, men er ikke en Excel-projektmappe.',
  'import.header_missing': 'Filen har ingen overskriftsrække.',
  'import.header_invalid': 'Overskriftsrækken kan ikke bruges.',
  'import.no_members': 'Filen har en overskriftsrække, men ingen medlemmer.',
  'import.rows_rejected':
    'Intet er indlæst: nogle rækker er afvist. Ret dem, eller spring de afviste rækker over.',
  'import.other_municipality': 'Din konto kan kun indlæse medlemmer i din egen kommune.',
  'import.changed_meanwhile': 'Medlemmerne blev ændret, mens filen blev indlæst. Intet er ændret. Prøv igen.',
  'import.newly_elected_unconfirmed':
    'Filen har ingen kolonne Nyvalgt. Godkend forslaget til, hvem der er nyvalgte, før filen indlæses.',
  'import.decision_unknown_row': 'Nogle af de rettede rækker findes ikke i forslaget.',
  'import_job.not_found': 'Indlæsningen findes ikke.',
  'import.file_too_large': 'En af filerne fylder mere end 10 MB. Del den op, eller gem den som CSV.',
  'import.too_many_files': 'Vælg højst 100 filer ad gangen.',
  'import_job.not_ready': 'Filen er ikke kontrolleret færdig endnu.',
  'import_job.already_committed': 'Filen er allerede indlæst.',

  // Planning.
  'venue.not_found': 'Kursusstedet findes ikke.',
  'venue.place_missing': 'Skriv både bredde- og længdegrad, eller vælg kommunens referencepunkt.',
  'wave.not_found': 'Bølgen findes ikke.',
  'wave.closes_before_opens': 'Tilmeldingen skal lukke, efter at den åbner.',
  'seminar.not_found': 'Seminaret findes ikke.',
  'seminar.unknown_wave': 'Bølgen findes ikke.',
  'seminar.unknown_venue': 'Kursusstedet findes ikke.',
  'seminar.created_completed': 'Et nyt seminar kan ikke være afsluttet.',
  'seminar.status_change_not_allowed': 'Seminaret kan ikke skifte til den status.',
  'seminar.capacity_below_taken':
    'Der kan ikke blive færre pladser, end der allerede er taget. Lav en omfordeling under Fordeling: den flytter de overskydende, og først da får seminaret færre pladser.',
  'seminar.times_invalid': 'Seminarets tidspunkter hænger ikke sammen.',
  'seminar.agenda_item_outside': 'Programpunktet skal ligge inden for seminarets tid.',
  'seminar.agenda_item_not_found': 'Programpunktet findes ikke.',
  'seminar.copy_needs_date': 'Skriv mindst én dato at kopiere seminaret til.',
  'wave.copy_needs_shift': 'Skriv enten et antal dage eller en ny første dag.',

  // Seats, waiting lists and wishes.
  'registration.not_found': 'Pladsen findes ikke.',
  'seat.registration_closed': 'Tilmeldingen til det seminar er lukket.',
  'seat.registration_not_open': 'Tilmeldingen til det seminar er ikke åbnet endnu.',
  'seat.seminar_not_published': 'Det seminar er ikke åbent for tilmelding.',
  'seat.seminar_full': 'Seminaret er fuldt. Du beholder din nuværende plads.',
  'seat.already_at_seminar': 'Du har allerede en plads på det seminar.',
  'seat.already_in_cycle': 'Du har allerede en plads i forløbet. Brug "Skift til dette seminar" i stedet.',
  'seat.move_to_same_seminar': 'Du har allerede en plads på det seminar.',
  'seat.seminar_begun': 'Seminaret er begyndt. Kontakt Kattegat-sekretariatet, hvis du vil melde afbud.',
  'seat.changed_meanwhile': 'Din plads blev ændret samtidig. Prøv igen.',
  'seat.transition_not_allowed': 'Det kan ikke lade sig gøre med pladsen, som den er nu.',
  'seat.not_enough_free': 'Der er ikke ledige pladser nok på seminaret. Intet er ændret.',
  'seat.attendance_before_start': 'Fremmøde kan først registreres tre timer før seminaret begynder.',
  'seat.none_to_cancel': 'Du har ingen plads at melde afbud til.',
  'seat.none_to_move': 'Du har ingen plads at skifte.',
  'seat.not_cancelled': 'Pladsen er ikke meldt afbud til, så der er intet at fortryde.',
  'seat.no_free_seat': 'Der er ingen ledig plads på seminaret, så ingen er rykket op fra ventelisten.',
  'seat.taken_meanwhile': 'Pladsen er desværre gået videre til en anden. Vælg et andet seminar herunder.',
  'seat.swap_needs_seat': 'Du skal have en plads for at kunne vente på et andet seminar.',
  'seat.nothing_to_take_back': 'Der er ingen plads at tage tilbage.',
  'check_in.unknown_code': 'Koden kendes ikke. Tjek, at den er skrevet rigtigt.',
  'check_in.other_seminar':
    'Koden hører til et andet seminar end dette. Deltageren skal tjekkes ind på sit eget seminar.',
  'check_in.no_seat': 'Koden hører til en plads, der ikke længere gælder. Find deltageren på listen.',
  'decline.has_seat': 'Du har en plads. Meld afbud til den, hvis du ikke kan deltage.',
  'preferences.unknown_seminar': 'Ukendt seminar.',
  'preferences.same_seminar_twice': 'Vælg forskellige seminarer til hvert ønske.',
  'preferences.wished_and_excluded': 'Et seminar kan ikke både ønskes og fravælges.',

  // Invitations and messages.
  'invitation.no_waves': 'Planlæg bølgerne først: et link udløber, når den sidste bølge lukker.',
  'invitation.issued_meanwhile': 'Der blev sendt en invitation til de samme medlemmer samtidig. Prøv igen.',
  'invitation_job.not_found': 'Invitationskørslen findes ikke.',
  'message.not_found': 'Beskeden findes ikke.',
  'message.not_finished': 'Beskeden er ikke færdigbehandlet endnu.',
  'message.not_resendable':
    'Beskeden kan ikke sendes igen herfra. En ældre besked sendes ved at sende en ny invitation.',
  'message.survey_answered': 'Medlemmet har allerede svaret på evalueringen, så der er intet at sende igen.',
  'message.survey_closed': 'Evalueringen er lukket, så et nyt link ville ikke virke.',
  'message.survey_gone': 'Evalueringen findes ikke længere, så der er intet link at sende igen.',
  'message.no_address': 'Medlemmet har ingen e-mailadresse. Ret adressen på medlemmets side først.',
  'message_kind.not_found': 'Den slags besked findes ikke.',

  // Allocation.
  'allocation.not_found': 'Fordelingsforslaget findes ikke.',
  'allocation.not_ready': 'Fordelingsforslaget kan ikke bruges, som det står nu.',
  'allocation.changed_meanwhile': 'Fordelingsforslaget er allerede brugt eller kasseret.',
  'allocation.out_of_date':
    'Fordelingsforslaget er forældet: {changes}. Intet er ændret. Lav et nyt forslag.',
  'allocation.seat_taken_meanwhile':
    'Et medlem har fået en plads imens. Intet er ændret. Lav et nyt forslag.',
  'allocation.replan_not_open':
    'Seminaret kan ikke omfordeles: det er ikke offentliggjort, eller det er begyndt.',
  'allocation.replan_not_needed':
    'Der er ikke flere tilmeldte end det nye antal pladser, så ingen skal flyttes. Ret blot kapaciteten.',
  'allocation.replan_not_cancelled': 'Seminaret er ikke aflyst. Angiv det nye antal pladser.',
  'allocation.replan_incomplete':
    'Nogle af dem, der skal flyttes, kan ikke få plads på et andet seminar. Intet er ændret.',

  // Evaluations and materials.
  'questionnaire.invalid': 'Spørgeskemaet er ikke gyldigt.',
  'questionnaire.changed_meanwhile': 'Spørgeskemaet blev ændret samtidig. Prøv igen.',
  'questionnaire.labels_missing': 'Skriv, hvad det laveste og det højeste svar betyder.',
  'questionnaire.options_invalid': 'Skriv 2 til 20 forskellige valgmuligheder, én på hver linje.',
  'questionnaire.last_question': 'Spørgeskemaet skal have mindst ét spørgsmål.',
  'questionnaire.question_not_found': 'Spørgsmålet findes ikke i spørgeskemaet.',
  'statistics.cycles_query_invalid': 'Vælg mellem 1 og 12 valgperioder.',
  'material.not_found': 'Materialet findes ikke.',
  'material.file_and_url': 'Send enten en fil eller et link, ikke begge dele.',
  'material.file_or_url_missing': 'Et materiale skal have en fil eller et link.',
  'material.too_large': 'Filen er for stor.',
  'material.file_name_invalid': 'Filnavnet må ikke indeholde linjeskift eller andre styretegn.',
  'material.available_invalid': 'Datoen eller klokkeslættet findes ikke.',
  'material.seminar_unknown': 'Seminaret hører ikke til valgperioden.',
  'material.type_not_accepted':
    'Filen kan ikke bruges. Send en PDF-, PowerPoint-, Word- eller Excel-fil eller et billede (PNG eller JPEG).',

  // Operations.
  'metrics.token_required': 'Målingerne kræver nøglen fra METRICS_TOKEN.',
} as const;

export type ErrorCode = keyof typeof ERROR_TEXTS;

/**
 * Why an import row is rejected, keyed by the row problem's code (src/cycles/import/row-problem.ts).
 * `{field}` is the column's Danish name (IMPORT_FIELD_NAMES); the rest come from the problem.
 */
export const IMPORT_ROW_TEXTS = {
  missing: '{field} mangler.',
  too_long: '{field} må højst fylde {max} tegn.',
  email_invalid: '"{value}" er ikke en e-mailadresse.',
  municipality_unknown: 'Kommunen "{value}" findes ikke.',
  municipality_disagree: '{values} er ikke den samme kommune.',
  other_municipality: 'Rækken hører til en anden kommune end din egen.',
  list_letter_invalid: '"{value}" er ikke et listebogstav.',
  list_needs_name: 'Liste {letter} er ikke et landsdækkende parti: skriv også den lokale listes navn.',
  list_needs_letter: '"{name}" er ikke et landsdækkende parti: skriv også den lokale listes bogstav.',
  newly_elected_invalid: '"{value}" er ikke ja/nej, x/tom, 1/0 eller sand/falsk.',
  role_unknown: 'Rollen "{value}" kendes ikke.',
  duplicate_in_file: 'Samme e-mail står flere gange i filen (række {rows}).',
  email_in_other_municipality: 'Et medlem i en anden kommune har allerede den e-mail i valgperioden.',
  cpr_like: '{field} ligner et CPR-nummer. CPR-numre må ikke indlæses.',
} as const;

export type ImportRowCode = keyof typeof IMPORT_ROW_TEXTS;

/** The Danish names of the fields an import row is checked by. */
export const IMPORT_FIELD_NAMES: Record<string, string> = {
  name: 'Navn',
  email: 'E-mail',
  phone: 'Telefon',
  municipality: 'Kommune',
  list: 'Parti',
  listName: 'Listenavn',
  newlyElected: 'Nyvalgt',
  role: 'Rolle',
  diet: 'Kost',
  accessibility: 'Tilgængelighed',
  note: 'Note',
};

/** The Danish reason of one problem of an import row. */
export function danishRowText(code: ImportRowCode, field: string, params: MessageParams = {}): string {
  return fill(IMPORT_ROW_TEXTS[code], { ...params, field: IMPORT_FIELD_NAMES[field] ?? field });
}

/**
 * A form field's problem as class-validator names its constraint. Each text speaks of the field
 * beside which it is shown; `{max}`, `{min}` and `{values}` come from the constraint.
 */
export const INPUT_TEXTS = {
  isNotEmpty: 'Skal udfyldes.',
  isDefined: 'Skal udfyldes.',
  isString: 'Skal være tekst.',
  isInt: 'Skal være et helt tal.',
  isNumber: 'Skal være et tal.',
  isBoolean: 'Skal være ja eller nej.',
  isEmail: 'Skal være en e-mailadresse.',
  isUrl: 'Skal være en webadresse.',
  isIso8601: 'Skal være en dato med tidspunkt.',
  isIn: 'Vælg en af mulighederne.',
  isArray: 'Skal være en liste.',
  isObject: 'Har ikke den rigtige form.',
  matches: 'Har ikke den rigtige form.',
  min: 'Skal være mindst {min}.',
  max: 'Må højst være {max}.',
  minLength: 'Skal være mindst {min} tegn.',
  maxLength: 'Må højst fylde {max} tegn.',
  arrayMinSize: 'Vælg mindst {min}.',
  arrayMaxSize: 'Vælg højst {max}.',
  nestedValidation: 'Har ikke den rigtige form.',
  whitelistValidation: 'Hører ikke til formularen.',
  noControlCharacters: 'Må ikke indeholde linjeskift, tabulatorer eller andre styretegn.',
  isLocalDate: 'Skal være en dato, fx 15.01.2026.',
  isLocalTime: 'Skal være et klokkeslæt, fx 13.00.',
  isLatitude: 'Skal være en breddegrad mellem -90 og 90, fx 55,49.',
  isLongitude: 'Skal være en længdegrad mellem -180 og 180, fx 9,47.',
  noControlCharactersMultiline: 'Må ikke indeholde andre styretegn end linjeskift og tabulatorer.',
} as const;

export type InputConstraint = keyof typeof INPUT_TEXTS;

/** The names of a constraint's arguments, in the order class-validator keeps them. */
const CONSTRAINT_PARAMS: Partial<Record<InputConstraint, string[]>> = {
  isIn: ['values'],
  min: ['min'],
  max: ['max'],
  minLength: ['min'],
  maxLength: ['max'],
  arrayMinSize: ['min'],
  arrayMaxSize: ['max'],
};

type Placeholders<T extends string> = T extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;

export type MessageParams = Record<string, string | number>;

/** The params a code's text needs: none, or an object naming each placeholder (any, for a code not known until run time). */
export type ParamsOf<C extends ErrorCode> = ErrorCode extends C
  ? [params?: MessageParams]
  : [Placeholders<(typeof ERROR_TEXTS)[C]>] extends [never]
    ? [params?: undefined]
    : [params: Record<Placeholders<(typeof ERROR_TEXTS)[C]>, string | number>];

function fill(text: string, params: MessageParams = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

/** The Danish text of a refusal. */
export function danishText(code: ErrorCode, params?: MessageParams): string {
  return fill(ERROR_TEXTS[code], params);
}

/** The Danish text of a field's problem; an unknown constraint gets the general one. */
export function danishInputText(constraint: string, args: readonly unknown[] = []): string {
  if (!(constraint in INPUT_TEXTS)) return ERROR_TEXTS['request.invalid'];
  const name = constraint as InputConstraint;
  const names = CONSTRAINT_PARAMS[name] ?? [];
  const params = Object.fromEntries(
    names.map((param, i) => {
      const value = args[i];
      return [param, Array.isArray(value) ? value.join(', ') : String(value)];
    }),
  );
  return fill(INPUT_TEXTS[name], params);
}

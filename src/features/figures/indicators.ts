/**
 * The indicators of the figures, defined once as data: what each number means, how it is computed and
 * how it is broken down, in the four languages, so the coordinator and the public read the same definition.
 */
import type { Language } from '../../platform/i18n/languages.ts';

/** What a table's rows (or columns) count by. */
export type Dimension =
  | 'kind'
  | 'domain'
  | 'theme'
  | 'channel'
  | 'requesterRole'
  | 'identityChoice'
  | 'entity'
  | 'outcome'
  | 'measure'
  | 'acknowledgement'
  | 'feedback'
  | 'year'
  | 'scope';

export const sections = ['contacts', 'follow_up', 'timeliness', 'trend'] as const;
export type Section = (typeof sections)[number];

export const indicatorIds = [
  'contacts_by_type',
  'contacts_by_theme',
  'contacts_by_channel',
  'contacts_by_requester_role',
  'contacts_by_identity_choice',
  'contacts_by_entity',
  'outcomes',
  'measures',
  'acknowledgement',
  'feedback',
  'open_at_period_end',
  'trend',
] as const;
export type IndicatorId = (typeof indicatorIds)[number];

export interface IndicatorText {
  name: string;
  description: string;
  formula: string;
}

export interface IndicatorDefinition {
  id: IndicatorId;
  section: Section;
  /** Rows of the table; 'theme' rows are the two levels (domain, then its themes), 'entity' rows the entity tree. */
  rows: Dimension;
  /** Columns of the table in the organisation's publication (an entity's feedback puts the entity beside the rest instead). */
  columns: Dimension;
  /** Which cases the indicator counts. */
  population: 'received' | 'reports' | 'open_at_end' | 'previous_years';
  text: Record<Language, IndicatorText>;
}

const text = (nl: IndicatorText, fr: IndicatorText, en: IndicatorText, de: IndicatorText): Record<Language, IndicatorText> => ({ nl, fr, en, de });

export const indicators: readonly IndicatorDefinition[] = [
  {
    id: 'contacts_by_type',
    section: 'contacts',
    rows: 'kind',
    columns: 'domain',
    population: 'received',
    text: text(
      { name: 'Contacten naar soort', description: 'Vragen en meldingen die in de periode binnenkwamen, per domein (welzijn of integriteit).', formula: 'Aantal dossiers met ontvangstdatum in de periode, per soort (vraag, melding) en domein.' },
      { name: 'Contacts par type', description: 'Questions et signalements reçus pendant la période, par domaine (bien-être ou intégrité).', formula: 'Nombre de dossiers dont la date de réception tombe dans la période, par type (question, signalement) et domaine.' },
      { name: 'Contacts by type', description: 'Questions and reports received in the period, by domain (wellbeing or integrity).', formula: 'Number of cases with a date of receipt in the period, by type (question, report) and domain.' },
      { name: 'Kontakte nach Art', description: 'Im Zeitraum eingegangene Fragen und Meldungen, nach Bereich (Wohlbefinden oder Integrität).', formula: 'Anzahl der Fälle mit Eingangsdatum im Zeitraum, nach Art (Frage, Meldung) und Bereich.' },
    ),
  },
  {
    id: 'contacts_by_theme',
    section: 'contacts',
    rows: 'theme',
    columns: 'kind',
    population: 'received',
    text: text(
      { name: 'Contacten naar thema', description: 'Per domein (eerste niveau) en per thema (tweede niveau) van de meldpuntindeling.', formula: 'Aantal dossiers met ontvangstdatum in de periode, per thema; een domein is de som van zijn thema’s.' },
      { name: 'Contacts par thème', description: 'Par domaine (premier niveau) et par thème (second niveau) de la classification du point de signalement.', formula: 'Nombre de dossiers reçus pendant la période, par thème ; un domaine est la somme de ses thèmes.' },
      { name: 'Contacts by theme', description: 'By domain (first level) and by theme (second level) of the reporting point’s taxonomy.', formula: 'Number of cases received in the period, by theme; a domain is the sum of its themes.' },
      { name: 'Kontakte nach Thema', description: 'Nach Bereich (erste Ebene) und Thema (zweite Ebene) der Einteilung der Meldestelle.', formula: 'Anzahl der im Zeitraum eingegangenen Fälle nach Thema; ein Bereich ist die Summe seiner Themen.' },
    ),
  },
  {
    id: 'contacts_by_channel',
    section: 'contacts',
    rows: 'channel',
    columns: 'kind',
    population: 'received',
    text: text(
      { name: 'Contacten naar kanaal', description: 'Langs welke weg het contact binnenkwam: web, telefoon, e-mail, brief of persoonlijk gesprek.', formula: 'Aantal dossiers met ontvangstdatum in de periode, per kanaal en soort.' },
      { name: 'Contacts par canal', description: 'Par quelle voie le contact est arrivé : web, téléphone, e-mail, lettre ou entretien.', formula: 'Nombre de dossiers reçus pendant la période, par canal et type.' },
      { name: 'Contacts by channel', description: 'How the contact came in: web, phone, e-mail, letter or in person.', formula: 'Number of cases received in the period, by channel and type.' },
      { name: 'Kontakte nach Kanal', description: 'Auf welchem Weg der Kontakt einging: Web, Telefon, E-Mail, Brief oder persönlich.', formula: 'Anzahl der im Zeitraum eingegangenen Fälle nach Kanal und Art.' },
    ),
  },
  {
    id: 'contacts_by_requester_role',
    section: 'contacts',
    rows: 'requesterRole',
    columns: 'kind',
    population: 'received',
    text: text(
      { name: 'Contacten naar rol van de vrager', description: 'In welke hoedanigheid iemand contact opnam: personeelslid, leidinggevende, vertrouwenspersoon, aanspreekpunt integriteit, HR of anders.', formula: 'Aantal dossiers met ontvangstdatum in de periode, per rol en soort.' },
      { name: 'Contacts par rôle du demandeur', description: 'À quel titre la personne a pris contact : membre du personnel, responsable, personne de confiance, point de contact intégrité, RH ou autre.', formula: 'Nombre de dossiers reçus pendant la période, par rôle et type.' },
      { name: 'Contacts by requester role', description: 'In which capacity someone got in touch: staff member, manager, confidential person, integrity contact, HR or other.', formula: 'Number of cases received in the period, by role and type.' },
      { name: 'Kontakte nach Rolle der anfragenden Person', description: 'In welcher Eigenschaft jemand Kontakt aufnahm: Mitarbeitende, Führungskraft, Vertrauensperson, Integritätsansprechperson, Personalabteilung oder andere.', formula: 'Anzahl der im Zeitraum eingegangenen Fälle nach Rolle und Art.' },
    ),
  },
  {
    id: 'contacts_by_identity_choice',
    section: 'contacts',
    rows: 'identityChoice',
    columns: 'kind',
    population: 'received',
    text: text(
      { name: 'Contacten naar keuze van identiteit', description: 'Of de melder anoniem bleef, vertrouwelijk zijn naam gaf of met naam meldde.', formula: 'Aantal dossiers met ontvangstdatum in de periode, per keuze en soort.' },
      { name: 'Contacts par choix d’identité', description: 'Si l’auteur est resté anonyme, a donné son nom en toute confidentialité ou s’est nommé.', formula: 'Nombre de dossiers reçus pendant la période, par choix et type.' },
      { name: 'Contacts by identity choice', description: 'Whether the reporter stayed anonymous, gave their name in confidence or reported by name.', formula: 'Number of cases received in the period, by choice and type.' },
      { name: 'Kontakte nach Wahl der Identität', description: 'Ob die meldende Person anonym blieb, ihren Namen vertraulich nannte oder namentlich meldete.', formula: 'Anzahl der im Zeitraum eingegangenen Fälle nach Wahl und Art.' },
    ),
  },
  {
    id: 'contacts_by_entity',
    section: 'contacts',
    rows: 'entity',
    columns: 'kind',
    population: 'received',
    text: text(
      { name: 'Contacten naar entiteit', description: 'Per entiteit van de organisatie; een bovenliggende entiteit telt haar eigen dossiers en die van haar onderdelen.', formula: 'Aantal dossiers met ontvangstdatum in de periode, per entiteit en soort, opgeteld langs de boom van entiteiten.' },
      { name: 'Contacts par entité', description: 'Par entité de l’organisation ; une entité parente compte ses propres dossiers et ceux de ses composantes.', formula: 'Nombre de dossiers reçus pendant la période, par entité et type, additionnés le long de l’arbre des entités.' },
      { name: 'Contacts by entity', description: 'By entity of the organisation; a parent entity counts its own cases and those of its parts.', formula: 'Number of cases received in the period, by entity and type, summed along the entity tree.' },
      { name: 'Kontakte nach Einheit', description: 'Nach Einheit der Organisation; eine übergeordnete Einheit zählt ihre eigenen Fälle und die ihrer Teile.', formula: 'Anzahl der im Zeitraum eingegangenen Fälle nach Einheit und Art, entlang des Einheitenbaums addiert.' },
    ),
  },
  {
    id: 'outcomes',
    section: 'follow_up',
    rows: 'outcome',
    columns: 'kind',
    population: 'received',
    text: text(
      { name: 'Afloop', description: 'Hoe de dossiers van de periode afliepen; “nog geen afloop” voor dossiers die nog lopen.', formula: 'Aantal dossiers met ontvangstdatum in de periode, per geregistreerde afloop en soort.' },
      { name: 'Issue', description: 'Comment se sont terminés les dossiers de la période ; « pas encore d’issue » pour les dossiers en cours.', formula: 'Nombre de dossiers reçus pendant la période, par issue enregistrée et type.' },
      { name: 'Outcomes', description: 'How the cases of the period ended; “no outcome yet” for cases still running.', formula: 'Number of cases received in the period, by recorded outcome and type.' },
      { name: 'Ergebnis', description: 'Wie die Fälle des Zeitraums ausgingen; „noch kein Ergebnis“ für laufende Fälle.', formula: 'Anzahl der im Zeitraum eingegangenen Fälle nach erfasstem Ergebnis und Art.' },
    ),
  },
  {
    id: 'measures',
    section: 'follow_up',
    rows: 'measure',
    columns: 'kind',
    population: 'received',
    text: text(
      { name: 'Genomen maatregelen', description: 'De maatregelen die na de dossiers van de periode werden genomen; één dossier kan meer dan één maatregel hebben.', formula: 'Aantal keer dat elke maatregel werd geregistreerd bij een dossier met ontvangstdatum in de periode.' },
      { name: 'Mesures prises', description: 'Les mesures prises à la suite des dossiers de la période ; un dossier peut en compter plusieurs.', formula: 'Nombre de fois que chaque mesure a été enregistrée pour un dossier reçu pendant la période.' },
      { name: 'Measures taken', description: 'The measures taken after the cases of the period; one case may have more than one.', formula: 'Number of times each measure was recorded on a case received in the period.' },
      { name: 'Ergriffene Maßnahmen', description: 'Die nach den Fällen des Zeitraums ergriffenen Maßnahmen; ein Fall kann mehrere haben.', formula: 'Anzahl, wie oft jede Maßnahme bei einem im Zeitraum eingegangenen Fall erfasst wurde.' },
    ),
  },
  {
    id: 'acknowledgement',
    section: 'timeliness',
    rows: 'acknowledgement',
    columns: 'domain',
    population: 'reports',
    text: text(
      { name: 'Ontvangstbevestiging binnen 7 dagen', description: 'Of de melder binnen de wettelijke 7 dagen een ontvangstbevestiging kreeg, met het aandeel en de mediaan van het aantal dagen.', formula: 'Meldingen met ontvangstdatum in de periode: bevestigd op of voor ontvangstdatum + 7 dagen, later, of (nog) niet. Aandeel = binnen 7 dagen ÷ alle meldingen; mediaan van (bevestigingsdatum − ontvangstdatum) over de bevestigde meldingen.' },
      { name: 'Accusé de réception dans les 7 jours', description: 'Si l’auteur a reçu un accusé de réception dans le délai légal de 7 jours, avec la part et la médiane du nombre de jours.', formula: 'Signalements reçus pendant la période : accusés au plus tard à la date de réception + 7 jours, plus tard, ou pas (encore). Part = dans les 7 jours ÷ tous les signalements ; médiane de (date d’accusé − date de réception) sur les signalements accusés.' },
      { name: 'Acknowledged within 7 days', description: 'Whether the reporter received an acknowledgement within the legal 7 days, with the share and the median number of days.', formula: 'Reports received in the period: acknowledged on or before the date of receipt + 7 days, later, or not (yet). Share = within 7 days ÷ all reports; median of (date of acknowledgement − date of receipt) over the acknowledged reports.' },
      { name: 'Eingangsbestätigung innerhalb von 7 Tagen', description: 'Ob die meldende Person innerhalb der gesetzlichen 7 Tage eine Eingangsbestätigung erhielt, mit Anteil und Median der Tage.', formula: 'Im Zeitraum eingegangene Meldungen: bestätigt spätestens am Eingangsdatum + 7 Tage, später oder (noch) nicht. Anteil = innerhalb von 7 Tagen ÷ alle Meldungen; Median von (Bestätigungsdatum − Eingangsdatum) über die bestätigten Meldungen.' },
    ),
  },
  {
    id: 'feedback',
    section: 'timeliness',
    rows: 'feedback',
    columns: 'domain',
    population: 'reports',
    text: text(
      { name: 'Terugkoppeling binnen 3 maanden', description: 'Of de melder binnen de wettelijke termijn terugkoppeling kreeg over de opvolging, met het aandeel en de mediaan van het aantal dagen.', formula: 'Meldingen met ontvangstdatum in de periode. Termijn = 3 maanden na de ontvangstbevestiging, of na ontvangstdatum + 7 dagen als die vroeger valt of er geen bevestiging was. Aandeel = binnen de termijn ÷ alle meldingen; mediaan van (terugkoppelingsdatum − ontvangstdatum).' },
      { name: 'Retour d’information dans les 3 mois', description: 'Si l’auteur a reçu un retour sur le suivi dans le délai légal, avec la part et la médiane du nombre de jours.', formula: 'Signalements reçus pendant la période. Délai = 3 mois après l’accusé de réception, ou après la date de réception + 7 jours si celle-ci est antérieure ou sans accusé. Part = dans le délai ÷ tous les signalements ; médiane de (date du retour − date de réception).' },
      { name: 'Feedback within 3 months', description: 'Whether the reporter received feedback on the follow-up within the legal period, with the share and the median number of days.', formula: 'Reports received in the period. Deadline = 3 months after the acknowledgement, or after the date of receipt + 7 days when that is earlier or there was none. Share = within the deadline ÷ all reports; median of (date of feedback − date of receipt).' },
      { name: 'Rückmeldung innerhalb von 3 Monaten', description: 'Ob die meldende Person innerhalb der gesetzlichen Frist eine Rückmeldung zu den Folgemaßnahmen erhielt, mit Anteil und Median der Tage.', formula: 'Im Zeitraum eingegangene Meldungen. Frist = 3 Monate nach der Eingangsbestätigung oder nach Eingangsdatum + 7 Tage, wenn dies früher liegt oder keine Bestätigung erfolgte. Anteil = innerhalb der Frist ÷ alle Meldungen; Median von (Rückmeldedatum − Eingangsdatum).' },
    ),
  },
  {
    id: 'open_at_period_end',
    section: 'follow_up',
    rows: 'kind',
    columns: 'domain',
    population: 'open_at_end',
    text: text(
      { name: 'Lopende dossiers op het einde van de periode', description: 'Dossiers die op de laatste dag van de periode nog niet waren afgesloten, ook als ze eerder binnenkwamen.', formula: 'Aantal dossiers met ontvangstdatum op of voor het einde van de periode en zonder afsluitdatum op of voor die dag.' },
      { name: 'Dossiers en cours à la fin de la période', description: 'Dossiers pas encore clôturés le dernier jour de la période, même reçus plus tôt.', formula: 'Nombre de dossiers reçus au plus tard à la fin de la période et sans date de clôture au plus tard ce jour-là.' },
      { name: 'Open at the end of the period', description: 'Cases not yet closed on the last day of the period, including those received earlier.', formula: 'Number of cases received on or before the end of the period with no closing date on or before that day.' },
      { name: 'Am Ende des Zeitraums offene Fälle', description: 'Fälle, die am letzten Tag des Zeitraums noch nicht abgeschlossen waren, auch wenn sie früher eingingen.', formula: 'Anzahl der Fälle mit Eingangsdatum bis zum Ende des Zeitraums und ohne Abschlussdatum bis zu diesem Tag.' },
    ),
  },
  {
    id: 'trend',
    section: 'trend',
    rows: 'year',
    columns: 'domain',
    population: 'previous_years',
    text: text(
      { name: 'Verloop over de jaren', description: 'Het aantal contacten per jaar over de laatste vijf jaar, per domein.', formula: 'Aantal dossiers per kalenderjaar van ontvangst en per domein, tot en met het einde van de periode.' },
      { name: 'Évolution sur les années', description: 'Le nombre de contacts par an sur les cinq dernières années, par domaine.', formula: 'Nombre de dossiers par année civile de réception et par domaine, jusqu’à la fin de la période.' },
      { name: 'Trend over the years', description: 'The number of contacts per year over the last five years, by domain.', formula: 'Number of cases per calendar year of receipt and per domain, up to the end of the period.' },
      { name: 'Entwicklung über die Jahre', description: 'Die Anzahl der Kontakte pro Jahr in den letzten fünf Jahren, nach Bereich.', formula: 'Anzahl der Fälle pro Kalenderjahr des Eingangs und Bereich, bis zum Ende des Zeitraums.' },
    ),
  },
];

export function indicatorById(id: IndicatorId): IndicatorDefinition {
  const found = indicators.find((indicator) => indicator.id === id);
  if (!found) throw new Error(`unknown indicator ${id}`);
  return found;
}

export function isIndicatorId(value: unknown): value is IndicatorId {
  return typeof value === 'string' && (indicatorIds as readonly string[]).includes(value);
}

/** The median of a histogram of whole days ({days: count}); undefined when it is empty. */
export function medianOfHistogram(histogram: ReadonlyMap<number, number>): number | undefined {
  const entries = [...histogram].filter(([, count]) => count > 0).sort(([a], [b]) => a - b);
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return undefined;
  const valueAt = (position: number): number => {
    let seen = 0;
    for (const [days, count] of entries) {
      seen += count;
      if (position < seen) return days;
    }
    return entries.at(-1)![0];
  };
  // Positions are 0-based: an odd total has one middle value, an even total the mean of two.
  return total % 2 === 1 ? valueAt((total - 1) / 2) : (valueAt(total / 2 - 1) + valueAt(total / 2)) / 2;
}

/** A share as a percentage with one decimal, or undefined when either part is unknown or the base is zero. */
export function percentage(part: number | null | undefined, whole: number | null | undefined): number | undefined {
  if (part === null || part === undefined || whole === null || whole === undefined || whole === 0) return undefined;
  return Math.round((part / whole) * 1000) / 10;
}

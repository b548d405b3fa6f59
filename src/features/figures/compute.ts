/**
 * Computes what the figures show: a year's publication (all chosen indicators over the whole
 * organisation), one entity's feedback beside the organisation, and the policy indicators over years.
 * Every number comes out of tables.ts, protected.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { settings } from '../../platform/db/schema.ts';
import type { Language } from '../../platform/i18n/languages.ts';
import { loadTaxonomy } from '../case-record/service.ts';
import { indicatorById, indicatorIds, percentage, type IndicatorId, type IndicatorText, type Section } from './indicators.ts';
import { crossTable } from './disclosure/builders.ts';
import { protectLinkedTables, type LinkedTable } from './disclosure/linked.ts';
import type { DisclosureRules } from './disclosure/rules.ts';
import { loadEntityTree, loadStatistics, loadYearFigures, type EntityNode, type Period, type Statistics, type YearFigures } from './queries.ts';
import { defaultRules, guarded, protectedTables, type PublishedTable, type TableContext } from './tables.ts';

export const rulesKey = 'figures.disclosure';

export async function loadRules(db: Db): Promise<DisclosureRules> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, rulesKey));
  const value = row?.value as Partial<DisclosureRules> | undefined;
  return { threshold: value?.threshold ?? defaultRules.threshold, protectionLevel: value?.protectionLevel ?? defaultRules.protectionLevel };
}

export type YearState = 'closed' | 'open' | 'future';

/** Whether a calendar year is over on the given day: an open year's figures are provisional and cannot be published. */
export function yearState(year: number, today: string): YearState {
  const current = Number(today.slice(0, 4));
  return year < current ? 'closed' : year === current ? 'open' : 'future';
}

export const periodOfYear = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });

export type Commentary = Partial<Record<'introduction' | Section, Partial<Record<Language, string>>>>;

/** Everything a published version shows, stored as it was: numbers, labels, definitions and commentary. */
export interface PublicationSnapshot {
  year: number;
  period: { from: string; to: string };
  computedOn: string;
  rules: DisclosureRules;
  indicators: IndicatorId[];
  definitions: Partial<Record<IndicatorId, Record<Language, IndicatorText>>>;
  tables: PublishedTable[];
  /** Cases received in the period (null when it is itself below the threshold). */
  totalContacts: number | null;
  commentary: Commentary;
}

async function tableContext(db: Db, rules: DisclosureRules, entities?: EntityNode[]): Promise<TableContext> {
  return { rules, taxonomy: await loadTaxonomy(db), entities: entities ?? (await loadEntityTree(db)) };
}

export async function computePublication(db: Db, options: { year: number; indicators: readonly IndicatorId[]; rules?: DisclosureRules; today: string; commentary?: Commentary }): Promise<PublicationSnapshot> {
  const rules = options.rules ?? (await loadRules(db));
  const period = periodOfYear(options.year);
  const chosen = indicatorIds.filter((id) => options.indicators.includes(id));
  const [statistics, context] = await Promise.all([loadStatistics(db, period), tableContext(db, rules)]);
  // The total of contacts comes from the table by type, protected with the others even when it is not shown.
  const protectedSet = await protectedTables(chosen.includes('contacts_by_type') ? chosen : ['contacts_by_type', ...chosen], statistics, context);
  const tables = protectedSet.filter((table) => chosen.includes(table.id));
  return {
    year: options.year,
    period,
    computedOn: options.today,
    rules,
    indicators: chosen,
    definitions: Object.fromEntries(chosen.map((id) => [id, indicatorById(id).text])),
    tables,
    totalContacts: protectedSet.find((table) => table.id === 'contacts_by_type')?.values['*|*'] ?? null,
    commentary: options.commentary ?? {},
  };
}

/** Only the counts inside the chosen subtree. */
export function onlyInScope(statistics: Statistics): Statistics {
  return {
    period: statistics.period,
    counts: statistics.counts.filter((c) => c.inScope),
    acknowledgement: statistics.acknowledgement.filter((c) => c.inScope),
    feedback: statistics.feedback.filter((c) => c.inScope),
    open: statistics.open.filter((c) => c.inScope),
    trend: statistics.trend.filter((c) => c.inScope),
  };
}

/** Protected tables of any indicators over any period, for the whole organisation or one entity's subtree. */
export async function computeIndicators(db: Db, options: { period: Period; entityId?: string | null; indicators: readonly IndicatorId[]; rules?: DisclosureRules }): Promise<PublishedTable[]> {
  const rules = options.rules ?? (await loadRules(db));
  const [statistics, context] = await Promise.all([loadStatistics(db, options.period, { entityId: options.entityId }), tableContext(db, rules)]);
  const chosen = indicatorIds.filter((id) => options.indicators.includes(id));
  return protectedTables(chosen, options.entityId ? onlyInScope(statistics) : statistics, { ...context, rootEntityId: options.entityId ?? null });
}

/** The indicators an entity's feedback shows, each with the entity beside the rest of the organisation. */
export const feedbackIndicators: IndicatorId[] = ['contacts_by_type', 'contacts_by_theme', 'contacts_by_channel', 'contacts_by_requester_role', 'contacts_by_identity_choice', 'outcomes', 'acknowledgement', 'feedback'];

export interface EntityFeedback {
  entity: EntityNode;
  year: number;
  rules: DisclosureRules;
  /** Too few cases to show any breakdown: the totals only, with the explanation. */
  tooSmall: boolean;
  entityTotal: number | null;
  organisationTotal: number | null;
  tables: PublishedTable[];
}

export async function computeEntityFeedback(db: Db, entity: EntityNode, year: number, rules?: DisclosureRules): Promise<EntityFeedback> {
  const used = rules ?? (await loadRules(db));
  const entities = await loadEntityTree(db);
  const [statistics, context] = await Promise.all([loadStatistics(db, periodOfYear(year), { entityId: entity.id }), tableContext(db, used, entities)]);
  const scoped: TableContext = { ...context, columnsByScope: true, rootEntityId: entity.id };
  // All of the feedback's tables at once (the first is the one by type), so none gives away what another hides.
  const all = await protectedTables(feedbackIndicators, statistics, scoped);
  const overview = all[0];
  const entityTotal = overview?.values['*|entity'] ?? null;
  const organisationTotal = overview?.values['*|*'] ?? null;
  const tooSmall = overview?.status !== 'released' || entityTotal === null || entityTotal === 0;
  const tables = tooSmall ? [] : all;
  return { entity, year, rules: used, tooSmall, entityTotal: tooSmall ? null : entityTotal, organisationTotal, tables };
}

export interface PolicyYear {
  year: number;
  contacts: number | null;
  perThousandStaff: number | null;
  integrityShare: number | null;
  acknowledgedInTimeShare: number | null;
  feedbackInTimeShare: number | null;
}

const yearsFrom = (fromYear: number, toYear: number) => Array.from({ length: toYear - fromYear + 1 }, (_, i) => String(fromYear + i));

/** Sums a figure over a year's rows (of one domain, when given). */
const summer = (figures: YearFigures[]) => (year: string, pick: (f: YearFigures) => number, domain?: string) =>
  figures.filter((f) => String(f.year) === year && (!domain || f.domain === domain)).reduce((total, f) => total + pick(f), 0);

/**
 * The policy page's three tables (contacts per year × domain, reports acknowledged in time, reports with feedback
 * in time), linked: the two on timeliness share their totals (the reports of each year), so they are protected
 * together. Cells that count the same cases mean the same (`year 2025|kind=report`); see tables.ts `cellMeaning`.
 */
export function policyTables(figures: YearFigures[], fromYear: number, toYear: number): LinkedTable[] {
  const yearKeys = yearsFrom(fromYear, toYear);
  const sum = summer(figures);
  const tableOf = (columns: string[], count: (year: string, column: string) => number) => crossTable(yearKeys, columns, count);
  const meaning = (dimension: string, kind?: string) => (key: string) => {
    const [year = '*', column = '*'] = key.split('|');
    const constraints = [column === '*' ? '' : `${dimension}=${column}`, kind ? `kind=${kind}` : ''].filter(Boolean).sort();
    return [year === '*' ? `years ${fromYear}–${toYear}` : `year ${year}`, ...constraints].join('|');
  };
  return [
    { name: 'contacts', table: tableOf(['wellbeing', 'integrity'], (year, domain) => sum(year, (f) => f.contacts, domain)), meaningOf: meaning('domain') },
    {
      name: 'acknowledged',
      table: tableOf(['in_time', 'other'], (year, column) => sum(year, (f) => (column === 'in_time' ? f.acknowledgedInTime : f.reports - f.acknowledgedInTime))),
      meaningOf: meaning('acknowledgement', 'report'),
    },
    {
      name: 'feedback',
      table: tableOf(['in_time', 'other'], (year, column) => sum(year, (f) => (column === 'in_time' ? f.feedbackInTime : f.reports - f.feedbackInTime))),
      meaningOf: meaning('feedback', 'report'),
    },
  ];
}

/** The key indicators per year, from protected tables (year × domain, year × on time or not). */
export async function computePolicyIndicators(db: Db, toYear: number, years = 6, rules?: DisclosureRules): Promise<{ rules: DisclosureRules; headcount: number | null; years: PolicyYear[] }> {
  const used = rules ?? (await loadRules(db));
  const fromYear = toYear - years + 1;
  const [figures, entities] = await Promise.all([loadYearFigures(db, fromYear, toYear), loadEntityTree(db)]);
  const yearKeys = yearsFrom(fromYear, toYear);
  const sum = summer(figures);
  const linked = policyTables(figures, fromYear, toYear);
  const guard = guarded(used.threshold);
  const anything = linked.some(({ table }) => table.cells.some((cell) => cell.value > 0));
  const result = anything ? await protectLinkedTables(linked, used) : undefined;
  const released = (name: string) => {
    const table = linked.find((t) => t.name === name)?.table;
    const values = result?.protection.status === 'released' ? result.valuesOf(name) : undefined;
    return new Map((table?.cells ?? []).map((cell) => [cell.key, result === undefined ? cell.value : guard(values?.get(cell.key))]));
  };
  const contacts = released('contacts');
  const acknowledged = released('acknowledged');
  const feedback = released('feedback');
  const counted = entities.filter((e) => e.headcount !== null);
  const headcount = counted.length ? counted.reduce((total, e) => total + (e.headcount ?? 0), 0) : null;
  return {
    rules: used,
    headcount,
    years: yearKeys.map((year) => {
      const withHeadcount = sum(year, (f) => f.contactsWithHeadcount);
      return {
        year: Number(year),
        contacts: contacts.get(`${year}|*`) ?? null,
        // Only with enough cases behind it, or the ratio and the (internal) headcount would give a small count away.
        perThousandStaff: headcount && withHeadcount >= used.threshold ? Math.round((withHeadcount / headcount) * 10000) / 10 : null,
        integrityShare: percentage(contacts.get(`${year}|integrity`), contacts.get(`${year}|*`)) ?? null,
        acknowledgedInTimeShare: percentage(acknowledged.get(`${year}|in_time`), acknowledged.get(`${year}|*`)) ?? null,
        feedbackInTimeShare: percentage(feedback.get(`${year}|in_time`), feedback.get(`${year}|*`)) ?? null,
      };
    }),
  };
}

/**
 * The case list's filters as they come from a GET form: parsed into typed filters, each
 * bad value dropped with the field and a message key, so the page says what it ignored instead of failing.
 * The keyset cursor (the sort key and id of the last row shown) travels as an opaque base64url token.
 */
import { isoDate, type IsoDate } from '../../../platform/time/calendar.ts';
import { caseStatuses, type CaseStatus } from '../lifecycle.ts';
import type { ProcedureCode } from '../../case-record/service.ts';
import { isRecordId } from '../../../platform/http/route-schemas.ts';

export const caseChannels = ['web', 'phone', 'email', 'letter', 'in_person'] as const;
export type CaseChannel = (typeof caseChannels)[number];
export const procedureCodes = ['integrity', 'psychosocial', 'question'] as const satisfies readonly ProcedureCode[];
export const listSorts = ['received', 'due'] as const;
export type ListSort = (typeof listSorts)[number];

export interface Cursor {
  /** The last row's sort key: its received day, or its next due day (null: no open deadline, sorted last). */
  key: IsoDate | null;
  id: string;
}

export interface CaseListFilters {
  status?: CaseStatus;
  theme?: string;
  entity?: string;
  handler?: string;
  channel?: CaseChannel;
  procedure?: ProcedureCode;
  overdue: boolean;
  /** Only open cases whose key one person alone holds (the dashboard's warning, in full). */
  singleHolder?: true;
  receivedFrom?: IsoDate;
  receivedTo?: IsoDate;
  q?: string;
  sort: ListSort;
  after?: Cursor;
}

/** Why a field's value was ignored: a message key of the case lists (messages/nl.json …). */
export type FilterProblem = 'caseLists.bad.value' | 'caseLists.bad.date' | 'caseLists.bad.range' | 'caseLists.bad.search' | 'caseLists.bad.cursor';

export interface ParsedFilters {
  filters: CaseListFilters;
  /** Field → problem, for the fields whose value was ignored. */
  problems: Partial<Record<keyof typeof fieldNames, FilterProblem>>;
  /** What was typed, to fill the form again (bad values included, so nothing typed is lost). */
  values: Record<string, string>;
}

export const fieldNames = {
  status: 'status',
  theme: 'theme',
  entity: 'entity',
  handler: 'handler',
  channel: 'channel',
  procedure: 'procedure',
  overdue: 'overdue',
  single: 'single',
  from: 'from',
  to: 'to',
  q: 'q',
  sort: 'sort',
  after: 'after',
} as const;

const themePattern = /^[a-z0-9_]{1,64}$/;
export const maxSearchLength = 100;

function one(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return '';
}

function parseDay(value: string): IsoDate | undefined {
  try {
    const day = isoDate(value);
    // Date.parse accepts 2026-02-30 as 2 March; a real day formats back to itself.
    return new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day && day >= '1900-01-01' && day <= '2999-12-31' ? day : undefined;
  } catch {
    return undefined;
  }
}

function pick<T extends string>(allowed: readonly T[], value: string): T | undefined {
  return (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id]), 'utf8').toString('base64url');
}

export function decodeCursor(token: string): Cursor | undefined {
  if (token.length > 200 || !/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [key, id] = value as unknown[];
    if (typeof id !== 'string' || !isRecordId(id)) return undefined;
    if (key === null) return { key: null, id };
    if (typeof key !== 'string') return undefined;
    const day = parseDay(key);
    return day ? { key: day, id } : undefined;
  } catch {
    return undefined;
  }
}

/** Parses the list's query string; never throws. */
export function parseListFilters(query: unknown): ParsedFilters {
  const raw = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const values: Record<string, string> = {};
  for (const name of Object.values(fieldNames)) {
    const value = one(raw[name]).trim();
    if (value !== '') values[name] = value.slice(0, 200);
  }
  const problems: ParsedFilters['problems'] = {};
  const filters: CaseListFilters = { overdue: false, sort: 'received' };

  const choose = <T extends string>(field: 'status' | 'channel' | 'procedure' | 'sort', allowed: readonly T[]): T | undefined => {
    const value = values[field];
    if (value === undefined) return undefined;
    const chosen = pick(allowed, value);
    if (!chosen) problems[field] = 'caseLists.bad.value';
    return chosen;
  };
  const status = choose('status', caseStatuses);
  if (status) filters.status = status;
  const channel = choose('channel', caseChannels);
  if (channel) filters.channel = channel;
  const procedure = choose('procedure', procedureCodes);
  if (procedure) filters.procedure = procedure;
  filters.sort = choose('sort', listSorts) ?? 'received';

  if (values.theme !== undefined) {
    if (themePattern.test(values.theme)) filters.theme = values.theme;
    else problems.theme = 'caseLists.bad.value';
  }
  for (const field of ['entity', 'handler'] as const) {
    const value = values[field];
    if (value === undefined) continue;
    if (isRecordId(value)) filters[field] = value;
    else problems[field] = 'caseLists.bad.value';
  }
  if (values.overdue !== undefined) {
    if (values.overdue === '1' || values.overdue === 'on') filters.overdue = true;
    else problems.overdue = 'caseLists.bad.value';
  }
  if (values.single !== undefined) {
    if (values.single === '1' || values.single === 'on') filters.singleHolder = true;
    else problems.single = 'caseLists.bad.value';
  }
  for (const [field, key] of [
    ['from', 'receivedFrom'],
    ['to', 'receivedTo'],
  ] as const) {
    const value = values[field];
    if (value === undefined) continue;
    const day = parseDay(value);
    if (day) filters[key] = day;
    else problems[field] = 'caseLists.bad.date';
  }
  if (filters.receivedFrom && filters.receivedTo && filters.receivedFrom > filters.receivedTo) {
    problems.to = 'caseLists.bad.range';
    delete filters.receivedTo;
  }
  if (values.q !== undefined) {
    const q = one(raw.q).trim();
    if (q.length > maxSearchLength) problems.q = 'caseLists.bad.search';
    else filters.q = q;
  }
  if (values.after !== undefined) {
    const cursor = decodeCursor(values.after);
    // A received-date cursor always has a day; only the due-date sort puts cases without one last.
    if (cursor && (cursor.key !== null || filters.sort === 'due')) filters.after = cursor;
    else problems.after = 'caseLists.bad.cursor';
  }
  return { filters, problems, values };
}

/** The query string of the same filters, with another cursor (or none), for the "next page" and "first page" links. */
export function filterQuery(values: Record<string, string>, after: string | undefined): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (name !== 'after' && value !== '') params.set(name, value);
  if (after) params.set('after', after);
  const text = params.toString();
  return text ? `?${text}` : '';
}

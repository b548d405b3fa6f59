import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, filterQuery, parseListFilters } from './filters.ts';

const id = '0b6f8f8e-3c1a-4d2b-9a7e-5f4c3b2a1d0e';

describe('case list filters', () => {
  it.each([
    [{}, { overdue: false, sort: 'received' }, {}],
    [{ status: 'assessing' }, { overdue: false, sort: 'received', status: 'assessing' }, {}],
    [{ status: 'bogus' }, { overdue: false, sort: 'received' }, { status: 'caseLists.bad.value' }],
    [{ channel: 'phone', procedure: 'question' }, { overdue: false, sort: 'received', channel: 'phone', procedure: 'question' }, {}],
    [{ channel: 'pigeon', procedure: 'secret' }, { overdue: false, sort: 'received' }, { channel: 'caseLists.bad.value', procedure: 'caseLists.bad.value' }],
    [{ theme: 'fraud' }, { overdue: false, sort: 'received', theme: 'fraud' }, {}],
    [{ theme: "fraud'; drop table cases" }, { overdue: false, sort: 'received' }, { theme: 'caseLists.bad.value' }],
    [{ entity: id, handler: id }, { overdue: false, sort: 'received', entity: id, handler: id }, {}],
    [{ entity: 'not-an-id', handler: '1' }, { overdue: false, sort: 'received' }, { entity: 'caseLists.bad.value', handler: 'caseLists.bad.value' }],
    [{ overdue: '1' }, { overdue: true, sort: 'received' }, {}],
    [{ overdue: 'yes' }, { overdue: false, sort: 'received' }, { overdue: 'caseLists.bad.value' }],
    [{ from: '2025-01-01', to: '2025-12-31' }, { overdue: false, sort: 'received', receivedFrom: '2025-01-01', receivedTo: '2025-12-31' }, {}],
    [{ from: '2025-02-30' }, { overdue: false, sort: 'received' }, { from: 'caseLists.bad.date' }],
    [{ from: '01/02/2025', to: '2025-13-01' }, { overdue: false, sort: 'received' }, { from: 'caseLists.bad.date', to: 'caseLists.bad.date' }],
    [{ from: '2025-06-01', to: '2025-05-01' }, { overdue: false, sort: 'received', receivedFrom: '2025-06-01' }, { to: 'caseLists.bad.range' }],
    [{ from: '2024-02-29' }, { overdue: false, sort: 'received', receivedFrom: '2024-02-29' }, {}],
    [{ q: '  fraude  ' }, { overdue: false, sort: 'received', q: 'fraude' }, {}],
    [{ q: 'x'.repeat(101) }, { overdue: false, sort: 'received' }, { q: 'caseLists.bad.search' }],
    [{ sort: 'due' }, { overdue: false, sort: 'due' }, {}],
    [{ sort: 'random()' }, { overdue: false, sort: 'received' }, { sort: 'caseLists.bad.value' }],
    [{ after: 'garbage!' }, { overdue: false, sort: 'received' }, { after: 'caseLists.bad.cursor' }],
    [{ status: ['closed', 'received'] }, { overdue: false, sort: 'received', status: 'closed' }, {}],
  ])('%j', (query, filters, problems) => {
    const parsed = parseListFilters(query);
    expect(parsed.filters).toEqual(filters);
    expect(parsed.problems).toEqual(problems);
  });

  it('keeps what was typed, bad values included, so the form shows them again', () => {
    expect(parseListFilters({ from: '2025-13-01', q: ' abc ' }).values).toEqual({ from: '2025-13-01', q: 'abc' });
  });

  it('never throws on odd input', () => {
    for (const query of [null, undefined, 'x', 42, { status: { nested: true } }, { after: 'W10' }, { after: Buffer.from('[1,2,3]').toString('base64url') }]) {
      expect(() => parseListFilters(query)).not.toThrow();
    }
  });
});

describe('keyset cursor', () => {
  it.each([
    { key: '2026-03-01', id },
    { key: null, id },
  ] as const)('round-trips %j', (cursor) => {
    const token = encodeCursor(cursor as never);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(token)).toEqual(cursor);
  });

  it.each([
    ['', 'empty'],
    ['%%%', 'not base64url'],
    [Buffer.from('not json').toString('base64url'), 'not JSON'],
    [Buffer.from(JSON.stringify(['2026-03-01'])).toString('base64url'), 'one element'],
    [Buffer.from(JSON.stringify(['2026-02-30', id])).toString('base64url'), 'a day that does not exist'],
    [Buffer.from(JSON.stringify(['2026-03-01', 'x'])).toString('base64url'), 'an id that is no uuid'],
    [Buffer.from(JSON.stringify([5, id])).toString('base64url'), 'a number as key'],
    ['A'.repeat(300), 'too long'],
  ])('refuses %s (%s)', (token) => {
    expect(decodeCursor(token)).toBeUndefined();
  });

  it('a received-date cursor must carry a day; only the due-date sort has cases without one', () => {
    const nullKey = encodeCursor({ key: null, id });
    expect(parseListFilters({ after: nullKey }).problems).toEqual({ after: 'caseLists.bad.cursor' });
    expect(parseListFilters({ after: nullKey, sort: 'due' }).filters.after).toEqual({ key: null, id });
  });

  it('next-page links keep the filters and replace the cursor', () => {
    expect(filterQuery({ status: 'closed', after: 'old', q: 'a b' }, 'new')).toBe('?status=closed&q=a+b&after=new');
    expect(filterQuery({ after: 'old' }, undefined)).toBe('');
  });
});

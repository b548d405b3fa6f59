import { describe, expect, it } from 'vitest';
import { KnownPages, safeRedirectTarget } from './redirect-target.ts';

const pages = new KnownPages();
for (const route of ['/', '/account', '/cases', '/cases/:caseId', '/cases/:caseId/files/:fileId', '/admin/users', '/assets/*']) pages.add(route);

describe('safeRedirectTarget', () => {
  it.each([
    ['/', '/'],
    ['/account', '/account'],
    ['/cases', '/cases'],
    ['/cases?status=open&page=2', '/cases?status=open&page=2'],
    ['/cases/3f2a6c1e-0000-4000-8000-000000000001', '/cases/3f2a6c1e-0000-4000-8000-000000000001'],
    ['/cases/abc/files/def', '/cases/abc/files/def'],
    ['/admin/users', '/admin/users'],
    ['/cases?q=caf%C3%A9', '/cases?q=caf%C3%A9'],
  ])('follows the local page %j', (value, expected) => {
    expect(safeRedirectTarget(value, pages)).toBe(expected);
  });

  it.each([
    ['a tab', '/\t/evil.example/phish'],
    ['a tab after the slash', '/\tevil'],
    ['a newline', '/\n'],
    ['a newline inside', '/cases\n/evil'],
    ['a carriage return', '/cases\r\nSet-Cookie: x=1'],
    ['a backslash', '/\\evil.example'],
    ['a backslash later', '/cases\\..\\evil'],
    ['an encoded tab', '/%09/evil.example'],
    ['an encoded tab alone', '/%09/'],
    ['an encoded newline', '/%0A'],
    ['an encoded carriage return', '/cases%0D%0A'],
    ['an encoded backslash', '/%5Cevil.example'],
    ['an encoded backslash later', '/cases/%5c'],
    ['encoded slashes', '/%2F%2Fevil.example'],
    ['an encoded NUL', '/cases/%00'],
    ['a malformed escape', '/cases/%E0%A4%A'],
    ['a protocol-relative URL', '//evil.example'],
    ['a protocol-relative URL with path', '//evil.example/cases'],
    ['an absolute URL', 'https://evil.example'],
    ['an absolute URL to a known path', 'https://evil.example/cases'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative path', 'cases'],
    ['an encoded euro sign (no such page)', '/%E2%82%AC'],
    ['a raw euro sign', '/€'],
    ['a raw non-ASCII path', '/cases/é'],
    ['a space', '/cases /evil'],
    ['a fragment', '/cases#x'],
    ['dot segments', '/cases/../evil'],
    ['dot segments to a known page', '/admin/../account'],
    ['an unknown page', '/evil.example/phish'],
    ['an empty parameter', '/cases/'],
    ['an empty value', ''],
    ['an array (repeated parameter)', ['/cases', '//evil']],
    ['nothing', undefined],
    ['a number', 42],
    ['a very long value', `/cases?q=${'a'.repeat(2100)}`],
  ])('refuses %s', (_name, value) => {
    expect(safeRedirectTarget(value, pages)).toBe('/');
  });

  it('falls back to the given default', () => {
    expect(safeRedirectTarget('//evil', pages, '/cases')).toBe('/cases');
  });
});

describe('KnownPages', () => {
  it('matches parameters to one non-empty segment and wildcards to the rest', () => {
    expect(pages.includes('/cases/x')).toBe(true);
    expect(pages.includes('/cases/x/files')).toBe(false);
    expect(pages.includes('/assets/a/b.css')).toBe(true);
    expect(pages.includes('/admin')).toBe(false);
  });
});

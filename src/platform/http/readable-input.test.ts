import { describe, expect, it } from 'vitest';
import { classifyError, HttpError, isBrokenBody } from './errors.tsx';
import { isReadableTarget, isReadableValue, percentDecodedBytes } from './readable-input.ts';

describe('isReadableTarget', () => {
  it.each([
    ['/cases?q=fraude', true],
    ['/sign-in?x=%C3%A9', true],
    ['/sign-in?x=%F0%9F%98%80', true],
    ['/report/proof/%E0%A4%A', false],
    ['/report/proof/%00', false],
    ['/cases?q=a%00b', false],
    ['/x?y=%FF', false],
    ['/x?y=%C3', false],
    ['/x?y=%ED%A0%80', false],
    ['/x?y=%C0%AF', false],
    ['/x?y=%', true],
    ['/x?y=%zz', true],
    ['/x?y=100%', true],
  ])('%s → %s', (target, readable) => {
    expect(isReadableTarget(target)).toBe(readable);
  });

  it('decodes escapes to bytes and keeps malformed ones literal', () => {
    expect([...percentDecodedBytes('a%41%4')]).toEqual([0x61, 0x41, 0x25, 0x34]);
  });
});

describe('isReadableValue', () => {
  it.each([
    [{ a: 'b', c: ['d', 'e'] }, true],
    [{ a: 'b\u0000' }, false],
    [{ 'a\u0000': 'b' }, false],
    [{ a: { b: [{ c: '\u0000' }] } }, false],
    ['plain', true],
    [undefined, true],
  ])('%j → %s', (value, readable) => {
    expect(isReadableValue(value)).toBe(readable);
  });
});

describe('classifyError', () => {
  it.each([
    [new HttpError(404), 404],
    [Object.assign(new Error('bad csrf'), { code: 'FST_CSRF_INVALID_TOKEN', statusCode: 403 }), 403],
    [Object.assign(new TypeError('Invalid character in header content ["location"]'), { code: 'ERR_INVALID_CHAR' }), 400],
    [Object.assign(new Error("'/x' is exceeding the max param length"), { code: 'FST_ERR_MAX_PARAM_LENGTH', statusCode: 414 }), 414],
    [new Error('Multipart: Boundary not found'), 400],
    [new Error('The needle cannot have a length bigger than 256.'), 400],
    [new Error('Unexpected end of multipart data'), 400],
    [new Error('Part terminated early due to unexpected end of multipart data'), 400],
    [Object.assign(new Error('request body too large'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }), 413],
    [new Error('database exploded'), 500],
  ])('%s → %i', (error, status) => {
    expect(classifyError(error).status).toBe(status);
  });

  it('does not take an ordinary failure for a broken body', () => {
    expect(isBrokenBody(new Error('relation "x" does not exist'))).toBe(false);
  });
});

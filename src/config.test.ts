import { describe, expect, it } from 'vitest';
import { exposureWarning, loadConfig } from './config.ts';

describe('HOST', () => {
  it('listens on every interface by default, on loopback when the start says so, and as HOST says in both cases', () => {
    expect(loadConfig({}).host).toBe('0.0.0.0');
    expect(loadConfig({}, {}, { host: '127.0.0.1' }).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }, {}, { host: '127.0.0.1' }).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '10.0.0.5' }).host).toBe('10.0.0.5');
  });
});

describe('exposureWarning', () => {
  it.each([
    ['127.0.0.1', false, 'http://localhost:3000'],
    ['127.0.1.1', false, 'http://localhost:3000'],
    ['localhost', false, 'http://localhost:3000'],
    ['::1', false, 'http://localhost:3000'],
    ['0.0.0.0', true, 'https://integrity.example.be'],
    ['10.0.0.5', true, 'https://integrity.example.be'],
  ])('says nothing for %s (secure cookies: %s, %s)', (host, cookieSecure, baseUrl) => {
    expect(exposureWarning({ host, cookieSecure, baseUrl })).toBeUndefined();
  });

  it.each([
    ['0.0.0.0', false, 'https://integrity.example.be', 'COOKIE_SECURE=false'],
    ['0.0.0.0', true, 'http://localhost:3000', 'no HTTPS in front'],
    ['::', false, 'http://localhost:3000', 'no HTTPS in front (BASE_URL is not https://) and COOKIE_SECURE=false'],
    ['192.168.1.20', true, 'http://192.168.1.20:3000', 'no HTTPS in front'],
  ])('warns for %s (secure cookies: %s, %s)', (host, cookieSecure, baseUrl, says) => {
    const warning = exposureWarning({ host, cookieSecure, baseUrl });
    expect(warning).toContain(says);
    expect(warning).toContain(host);
    expect(warning).toContain('HOST=127.0.0.1');
  });
});

import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { readTrustProxy } from './trusted-proxies.ts';

describe('reading TRUST_PROXY', () => {
  it.each([
    ['', false],
    ['false', false],
    ['10.0.0.5', ['10.0.0.5']],
    ['10.0.0.5, 10.0.1.0/24', ['10.0.0.5', '10.0.1.0/24']],
    ['2001:db8::1,2001:db8::/32', ['2001:db8::1', '2001:db8::/32']],
    ['loopback', ['loopback']],
    ['127.0.0.1,loopback', ['127.0.0.1', 'loopback']],
  ])('accepts %j as %j', (value, proxies) => {
    expect(readTrustProxy(value)).toEqual({ ok: true, proxies });
  });

  it.each([
    ['true', /every X-Forwarded-For entry/],
    ['1', /hop count/],
    ['2', /hop count/],
    ['0.0.0.0/0', /prefix length between 1 and 32/],
    ['::/0', /prefix length between 1 and 128/],
    ['10.0.0.0/33', /prefix length/],
    ['10.0.0.0/8/8', /not an IP address/],
    ['10.0.0.5,', /"" is not an IP address/],
    ['lb.example.be', /not an IP address/],
    ['*', /not an IP address/],
    ['uniquelocal', /whole networks/],
    ['10.0.0.5,linklocal', /whole networks/],
  ])('refuses %j and says what to write instead', (value, reason) => {
    const reading = readTrustProxy(value);
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    expect(reading.problem).toMatch(reason);
    expect(reading.problem).toContain('TRUST_PROXY=10.0.0.5');
  });

  it('stops the configuration from loading with TRUST_PROXY=true, naming the variable', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/^Invalid configuration: TRUST_PROXY: "true" would believe every X-Forwarded-For entry/);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5' }).trustProxy).toEqual(['10.0.0.5']);
    expect(loadConfig({}).trustProxy).toBe(false);
  });
});

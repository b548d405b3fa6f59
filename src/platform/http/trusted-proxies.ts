/**
 * Reads TRUST_PROXY: the addresses of the load balancers whose X-Forwarded-For entry is believed.
 *
 * Only the entry a trusted proxy appended names the client; everything left of it is whatever the client
 * sent. "Trust every hop" (`true`) would let any client pick its address and walk past every per-address
 * limit, and Fastify 5 ignores a bare hop count, because a count cannot tell a load balancer from a client
 * that reached the server directly (docs/operations.md, "Several processes behind a load balancer").
 */
import net from 'node:net';

/**
 * Of proxy-addr's names for reserved ranges, only `loopback` (a load balancer on the same machine).
 * `uniquelocal` is every private network, where on an office network the clients themselves live.
 */
const namedRanges = new Set(['loopback']);
const tooWideNames = new Set(['uniquelocal', 'linklocal']);

export type TrustedProxies = false | string[];

export type TrustProxyReading = { ok: true; proxies: TrustedProxies } | { ok: false; problem: string };

const example = 'write the load balancers\' addresses or networks instead, e.g. TRUST_PROXY=10.0.0.5 or TRUST_PROXY=10.0.0.5,10.0.1.0/24 (or TRUST_PROXY=false when clients connect directly)';

function problemWith(entry: string): string | undefined {
  if (namedRanges.has(entry)) return undefined;
  if (tooWideNames.has(entry)) return `"${entry}" names whole networks, where clients may connect from too`;
  const [address = '', prefix, extra] = entry.split('/');
  const family = net.isIP(address);
  if (family === 0 || extra !== undefined) return `"${entry}" is not an IP address or network (address/prefix)`;
  if (prefix === undefined) return undefined;
  const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
  const maxBits = family === 4 ? 32 : 128;
  // A /0 network is every address: the same as trusting every hop.
  if (!(bits >= 1 && bits <= maxBits)) return `"${entry}" needs a prefix length between 1 and ${maxBits}`;
  return undefined;
}

export function readTrustProxy(value: string | undefined): TrustProxyReading {
  const text = (value ?? '').trim();
  if (text === '' || text === 'false') return { ok: true, proxies: false };
  if (text === 'true') return { ok: false, problem: `"true" would believe every X-Forwarded-For entry, which clients write themselves; ${example}` };
  if (/^\d+$/.test(text)) return { ok: false, problem: `a hop count cannot tell a load balancer from a client that connects directly, so it is not accepted; ${example}` };
  const entries = text.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    const problem = problemWith(entry);
    if (problem) return { ok: false, problem: `${problem}; ${example}` };
  }
  return { ok: true, proxies: entries };
}

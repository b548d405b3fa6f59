/**
 * Disclosure control figures: how long protecting (primary and secondary suppression, then the audit that gates
 * the release) and auditing take for a realistic entity table — 121 entities in a tree of depth 4 (root,
 * 5 departments, 20 directorates, 95 units; departments and directorates have a few cases of their own) × 20
 * themes, about 1,500 contacts a year, so most cells hold 0 to 4 cases.
 */
import { hierarchicalTable } from '../src/features/figures/disclosure/builders.ts';
import { auditTable, protectTable } from '../src/features/figures/disclosure/protect-table.ts';
import type { LinearTable } from '../src/features/figures/disclosure/table.ts';
import { median, percentile, result } from './server-process.ts';

// `npm run bench -- disclosure 5` measures fewer tables.
const tables = Number(process.argv[3] ?? 20);
const rules = { threshold: 5, protectionLevel: 3 };

/** A small deterministic generator (mulberry32), so every run measures the same tables. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function poisson(next: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = next(); p > limit; p *= next()) k++;
  return k;
}

export function entityTable(seed: number): LinearTable {
  const next = random(seed);
  const tree: { id: string; parentId: string | null }[] = [{ id: 'org', parentId: null }];
  const weight = new Map<string, number>();
  for (let d = 0; d < 5; d++) {
    tree.push({ id: `d${d}`, parentId: 'org' });
    weight.set(`d${d}`, 0.5);
    for (let r = 0; r < 4; r++) {
      tree.push({ id: `d${d}r${r}`, parentId: `d${d}` });
      weight.set(`d${d}r${r}`, 0.8);
    }
  }
  for (let u = 0; u < 95; u++) {
    const id = `u${u}`;
    tree.push({ id, parentId: `d${u % 5}r${Math.floor(u / 5) % 4}` });
    // Unit sizes vary a lot: a log-normal spread around 1.
    weight.set(id, Math.exp((next() + next() + next() - 1.5) * 1.4));
  }
  const themes = Array.from({ length: 20 }, (_, i) => `t${i}`);
  const totalWeight = [...weight.values()].reduce((s, w) => s + w, 0);
  const themeShare = themes.map((_, i) => 1 / (i + 1.5));
  const shareSum = themeShare.reduce((s, x) => s + x, 0);
  const counts = new Map<string, number>();
  for (const [id, w] of weight) {
    themes.forEach((theme, i) => counts.set(`${id}|${theme}`, poisson(next, (1500 * w * (themeShare[i] ?? 0)) / (totalWeight * shareSum))));
  }
  return hierarchicalTable(tree, themes, (node, theme) => counts.get(`${node}|${theme}`) ?? 0, { parentsHaveOwnCases: true });
}

const protectMs: number[] = [];
const protectCpuMs: number[] = [];
const auditMs: number[] = [];
let primaries = 0;
let secondaries = 0;
let cells = 0;
for (let seed = 1; seed <= tables; seed++) {
  const table = entityTable(seed);
  cells = table.cells.length;
  let started = performance.now();
  const cpu = process.cpuUsage();
  const protection = await protectTable(table, rules);
  protectMs.push(performance.now() - started);
  protectCpuMs.push(process.cpuUsage(cpu).user / 1000);
  if (protection.status !== 'released') throw new Error(`table ${seed} was not released: ${protection.reason}`);
  primaries += protection.primary.length;
  secondaries += protection.secondary.length;
  started = performance.now();
  const audit = await auditTable(table, protection.values, rules);
  auditMs.push(performance.now() - started);
  if (!audit.ok) throw new Error(`table ${seed}: the audit rejects what protectTable released`);
}
console.log(`# ${tables} tables of ${cells} cells; on average ${(primaries / tables).toFixed(0)} primary and ${(secondaries / tables).toFixed(0)} secondary suppressions`);
// On a busy machine wall time can be a multiple of the CPU time the work needs; both are shown.
console.log(`# CPU time of protectTable: p50 ${median(protectCpuMs).toFixed(1)} ms, p95 ${percentile(protectCpuMs, 95).toFixed(1)} ms`);
result('disclosure-protect', 'p50', median(protectMs), 'ms', 1);
result('disclosure-protect', 'p95', percentile(protectMs, 95), 'ms', 1);
result('disclosure-audit', 'p50', median(auditMs), 'ms', 1);
result('disclosure-audit', 'p95', percentile(auditMs, 95), 'ms', 1);

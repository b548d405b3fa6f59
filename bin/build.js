#!/usr/bin/env node
// Builds the server into dist/: `npm install` runs it (prepare), and so does `npm test` before anything else,
// so the tests that start the server as a process never run an old build.
//   1. TypeScript compiles src/ (tests left out) to JavaScript, rewriting the `.ts`/`.tsx` of relative
//      imports to `.js` (tsconfig.build.json). Types are checked by `npm run typecheck`, not here.
//   2. Every other file under src/ (styles, YAML models, plain scripts) is copied to the same place in dist/,
//      so whatever the code reads beside itself is beside the built file too.
//   3. What has no source any more (a file moved or deleted) is removed from dist/.
//   4. The embedded database's template is made, unless the one there still fits (src/platform/db/template.ts).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'src');
const output = path.join(root, 'dist');
/** Made by step 4 and by the server's first start (bin/bureau.js), not from a file under src/. */
const built = new Set(['pglite-template', '.compile-cache']);

const compiled = (name) => /\.tsx?$/.test(name) && !name.endsWith('.d.ts');
const isTest = (name) => /\.test\.tsx?$/.test(name);

function files(folder, under = '') {
  const found = [];
  for (const entry of fs.readdirSync(path.join(folder, under), { withFileTypes: true })) {
    const name = under ? path.join(under, entry.name) : entry.name;
    if (entry.isDirectory()) found.push(...files(folder, name));
    else if (entry.isFile()) found.push(name);
  }
  return found;
}

const started = performance.now();
const seconds = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compile = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (compile.status !== 0) {
  console.error('build: TypeScript could not compile src/');
  process.exit(compile.status ?? 1);
}

const sources = files(source);
const expected = new Set();
for (const name of sources) {
  if (isTest(name) || name.endsWith('.d.ts')) continue;
  if (compiled(name)) {
    expected.add(name.replace(/\.tsx?$/, '.js'));
    continue;
  }
  expected.add(name);
  const from = path.join(source, name);
  const to = path.join(output, name);
  const a = fs.statSync(from);
  const b = fs.existsSync(to) ? fs.statSync(to) : undefined;
  if (b && b.size === a.size && b.mtimeMs >= a.mtimeMs) continue;
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}

let removed = 0;
for (const name of files(output)) {
  if (built.has(name.split(path.sep)[0]) || expected.has(name)) continue;
  fs.rmSync(path.join(output, name));
  removed++;
}
// Folders left empty by the removals.
for (const name of fs.readdirSync(output, { recursive: true }).sort().reverse()) {
  const folder = path.join(output, name);
  if (fs.statSync(folder).isDirectory() && fs.readdirSync(folder).length === 0) fs.rmdirSync(folder);
}
console.log(`build: compiled src/ to dist/ in ${seconds()}${removed ? ` (removed ${removed} file(s) without a source)` : ''}`);

const { buildTemplate } = await import(pathToFileURL(path.join(output, 'platform/db/build-template.js')).href);
if (await buildTemplate()) console.log(`build: made the embedded database template in ${seconds()}`);

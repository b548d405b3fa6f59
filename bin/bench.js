#!/usr/bin/env node
// Runs the benchmarks: every bench/*.bench.ts, or only those whose file name starts with the first argument
// (`npm run bench -- startup`). Each prints its figures as `RESULT <bench> <metric> <value> <unit>` lines.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
// Benchmarks call features without app.ts, which installs the message catalog at start-up: install it as it does.
const { installMessages } = await import('../src/messages.ts');
installMessages();

const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'bench');
const prefix = process.argv[2] ?? '';
const benches = fs
  .readdirSync(benchDir)
  .filter((name) => name.endsWith('.bench.ts') && name.startsWith(prefix))
  .sort();

if (benches.length === 0) {
  console.error(`No benchmark in bench/ starts with "${prefix}". There are: ${fs.readdirSync(benchDir).filter((n) => n.endsWith('.bench.ts')).join(', ')}`);
  process.exit(64);
}

const failed = [];
for (const name of benches) {
  console.log(`# ${name}`);
  const started = performance.now();
  try {
    // A bench runs on import, one after the other, so they never compete for the CPU.
    await import(pathToFileURL(path.join(benchDir, name)).href);
    console.log(`# ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    failed.push(name);
    console.error(`# ${name} FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}

if (failed.length > 0) console.error(`# failed: ${failed.join(', ')}`);
// Exit explicitly: a bench's leftover handle (a pool, a timer) must not keep the runner alive.
process.exit(failed.length > 0 ? 1 : 0);

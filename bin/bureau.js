#!/usr/bin/env node
// The `bureau` command: runs the server compiled to JavaScript in dist/ (`npm install` builds it; so does
// `npm run build`). TypeScript is not loaded at run time.
import fs from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

/*
 * V8 in Node 22 and 24 sizes the young generation from the machine's memory (two 64 MB halves on a 24 GB
 * machine) and keeps it resident once start-up has filled it: 120 MB of an idle server's memory for
 * objects that live a few milliseconds. A 16 MB half (what Node 20 used) is plenty for one office's
 * requests. The limit can only be given when V8 starts, so the process replaces itself once with the flag
 * (process.execve, Node 22.15 and later: same process id, nothing stays behind). An operator's own
 * setting (on the command line or in NODE_OPTIONS) is left alone.
 */
const youngGeneration = '--max-semi-space-size';
const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((option) => option.startsWith(youngGeneration));
if (!given && typeof process.execve === 'function') {
  process.execve(process.execPath, [process.execPath, `${youngGeneration}=16`, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], process.env);
}

/*
 * Node resolves a package name again for every file that imports it, and for a package with a large
 * "exports" map that is costly: drizzle-orm's package.json is 180 KB, parsed anew for each of the ~100
 * files that import from it, which took a quarter of start-up's CPU and left 20 MB of garbage. Within
 * dist/ a name always resolves to the same file, so the first answer is kept (Node 22.15 and later).
 */
const dist = new URL('../dist/', import.meta.url).href;
if (typeof module.registerHooks === 'function') {
  const resolved = new Map();
  module.registerHooks({
    resolve(specifier, context, nextResolve) {
      const packageName = !specifier.startsWith('.') && !specifier.startsWith('/') && !specifier.includes(':');
      if (!packageName || !context.parentURL?.startsWith(dist)) return nextResolve(specifier, context);
      const key = `${specifier}\0${(context.conditions ?? []).join(',')}`;
      let result = resolved.get(key);
      if (!result) resolved.set(key, (result = nextResolve(specifier, context)));
      return { ...result, shortCircuit: true };
    },
  });
}

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!fs.existsSync(entry)) {
  console.error('bureau: the server is not built (dist/cli/main.js is missing). Run `npm run build` (`npm install` runs it).');
  process.exit(1);
}
await import(entry.href);

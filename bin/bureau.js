#!/usr/bin/env node
// The `bureau` command: runs the server compiled to JavaScript in dist/ (`npm install` builds it; so does
// `npm run build`). TypeScript is not loaded at run time.
import fs from 'node:fs';
import module from 'node:module';
import path from 'node:path';
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
 * Node 22 and 24 spend most of start-up finding modules rather than running them (a CPU profile of `serve`):
 * - A package name is resolved again for every file that imports it, and for a package with a large
 *   "exports" map that is costly: drizzle-orm's package.json is 180 KB, parsed anew for each of the ~100
 *   files that import from it. Within dist/ a name always resolves to the same file, so the first answer is
 *   kept. (Only within dist/: elsewhere the same name may mean another copy in a nested node_modules.)
 * - For every relative import inside a package, Node reads the nearest package.json again to learn whether
 *   a .js file is ESM or CommonJS, deserialising the whole file each time. An ESM relative import names its
 *   file exactly (no extensions or folders are tried), so the file is the URL joined to its importer, and
 *   the answer about each folder's package.json is kept. A missing file still fails, when it is loaded.
 * Together they took start-up's module loading from 0.9 s to 0.3 s, and 50 MB less memory stays behind.
 * The compiled code itself is kept in dist/.compile-cache by the first start (Node checks each entry against
 * its source, so a stale one is never used; a read-only dist/ only loses the cache). Node 22.15 and later.
 */
const dist = new URL('../dist/', import.meta.url).href;
if (typeof module.registerHooks === 'function') {
  const resolvedNames = new Map();
  const moduleTypeOfFolder = new Map();
  module.registerHooks({
    resolve(specifier, context, nextResolve) {
      const parent = context.parentURL;
      if (isRelativeEsmImport(specifier, context)) {
        const url = new URL(specifier, parent);
        return { url: url.href, format: formatOf(fileURLToPath(url), moduleTypeOfFolder), shortCircuit: true };
      }
      const packageName = !specifier.startsWith('.') && !specifier.startsWith('/') && !specifier.includes(':');
      if (!packageName || !parent?.startsWith(dist)) return nextResolve(specifier, context);
      const key = `${specifier}\0${(context.conditions ?? []).join(',')}`;
      let result = resolvedNames.get(key);
      if (!result) resolvedNames.set(key, (result = nextResolve(specifier, context)));
      return { ...result, shortCircuit: true };
    },
  });
  module.enableCompileCache?.(fileURLToPath(new URL('.compile-cache', dist)));
}

/** An `import './x.js'` (not a require, which tries extensions and folders) from a file on disk. */
function isRelativeEsmImport(specifier, context) {
  return (
    context.parentURL?.startsWith('file:') === true &&
    (specifier.startsWith('./') || specifier.startsWith('../')) &&
    /\.(?:m?js|cjs)$/.test(specifier) &&
    context.conditions?.includes('import') === true
  );
}

/** ESM or CommonJS, as Node decides it: by extension, else by the "type" of the nearest package.json (null: none). */
function formatOf(file, moduleTypeOfFolder) {
  if (file.endsWith('.mjs')) return 'module';
  if (file.endsWith('.cjs')) return 'commonjs';
  const visited = [];
  let folder = path.dirname(file);
  let type = moduleTypeOfFolder.get(folder);
  while (type === undefined) {
    visited.push(folder);
    const manifest = readManifest(path.join(folder, 'package.json'));
    const parentFolder = path.dirname(folder);
    if (manifest) type = manifest.type ?? null;
    else if (parentFolder === folder) type = null;
    else type = moduleTypeOfFolder.get((folder = parentFolder));
  }
  for (const seen of visited) moduleTypeOfFolder.set(seen, type);
  // Without a "type", Node looks at the file's syntax when it loads it.
  return type === 'module' || type === 'commonjs' ? type : undefined;
}

function readManifest(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
    throw error;
  }
}

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!fs.existsSync(entry)) {
  console.error('bureau: the server is not built (dist/cli/main.js is missing). Run `npm run build` (`npm install` runs it).');
  process.exit(1);
}
await import(entry.href);

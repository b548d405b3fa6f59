#!/usr/bin/env node
// The `bureau` command: runs the server compiled to JavaScript in dist/ (`npm install` builds it; so does
// `npm run build`). TypeScript is not loaded at run time.
import fs from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!fs.existsSync(entry)) {
  console.error('bureau: the server is not built (dist/cli/main.js is missing). Run `npm run build` (`npm install` runs it).');
  process.exit(1);
}
await import(entry.href);

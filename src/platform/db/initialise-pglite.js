// Creates a new embedded database folder (PostgreSQL's initdb) in a process of its own: initdb grows
// PGlite's WebAssembly memory to about 800 MB, which a process never gives back, so the server must not
// be the one that runs it. Plain JavaScript, so it starts without the TypeScript loader.
import { PGlite } from '@electric-sql/pglite';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: initialise-pglite.js DATA_DIR');
  process.exit(64);
}
const database = new PGlite(dataDir);
await database.waitReady;
await database.close();

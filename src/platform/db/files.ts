/**
 * Where the database's files are: the committed migrations, and the embedded database template that the
 * build makes (src/platform/db/template.ts). Both are found from the package root, so the same paths hold
 * whether this runs as TypeScript from src/ (tests) or compiled from dist/ (the server).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** src/platform/db and dist/platform/db lie at the same depth below the package root. */
const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export const migrationsFolder = path.join(packageRoot, 'migrations');

/** Made by `npm run build` (bin/build.js): the template's tar archive and what it was made from. */
export const templateFolder = path.join(packageRoot, 'dist', 'pglite-template');

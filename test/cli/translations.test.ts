/**
 * `bureau translations export|import` on real copies of the message files in a temporary folder: what a
 * translation office gets, and what its file may and may not change when it comes back (docs/translations.md).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messageSources } from '../../src/messages.ts';
import { runTranslationsCommand } from '../../src/cli/translations-command.ts';
import { languages } from '../../src/platform/i18n/languages.ts';

const projectRoot = path.resolve(import.meta.dirname, '../..');
const messageFiles = Object.keys(messageSources).flatMap((folder) => languages.map((language) => path.join(folder, `${language}.json`)));

let root: string;

/** The command's output and exit code, as a person at the terminal would see them. */
async function bureau(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runTranslationsCommand(args, root, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const snapshot = () => Object.fromEntries(messageFiles.map((file) => [file, read(file)]));

/** Rewrites one unit's source or target text in an XLIFF 1.2 file, as a translator's tool would. */
function editUnit(file: string, id: string, element: 'source' | 'target', xmlText: string) {
  const xml = read(file);
  const unit = new RegExp(`(<trans-unit id="${id.replace(/\./g, '\\.')}">[\\s\\S]*?<${element}>)[\\s\\S]*?(</${element}>)`);
  expect(xml).toMatch(unit);
  fs.writeFileSync(path.join(root, file), xml.replace(unit, `$1${xmlText}$2`));
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'bureau-translations-'));
  for (const file of messageFiles) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.copyFileSync(path.join(projectRoot, file), path.join(root, file));
  }
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('bureau translations export', () => {
  it('writes an XLIFF 1.2 file with the Dutch text as source and the language’s as target, noting the placeholders', async () => {
    const result = await bureau('export', '--format', 'xliff', '--language', 'fr', '--out', 'fr.xlf');
    expect(result).toMatchObject({ code: 0, err: '' });
    const xml = read('fr.xlf');
    expect(xml).toContain('<xliff');
    expect(xml).toContain('version="1.2"');
    expect(xml).toContain('<file original="home" datatype="plaintext" source-language="nl" target-language="fr">');
    expect(xml).toMatch(/<trans-unit id="home\.welcome">\s*<source>Welkom, \{name\}\.<\/source>\s*<target>Bienvenue, \{name\}\.<\/target>\s*<note>Keep \{name\} as written\.<\/note>/);
    expect(xml.match(/<trans-unit /g)).toHaveLength(Object.values(messageSources).reduce((sum, set) => sum + Object.keys(set.nl).length, 0));
  });

  it('writes one file per language into a folder when no language is named', async () => {
    const result = await bureau('export', '--format', 'xliff2', '--out', 'office');
    expect(result.code).toBe(0);
    expect(fs.readdirSync(path.join(root, 'office')).sort()).toEqual(['de.xlf', 'en.xlf', 'fr.xlf']);
    expect(read('office/de.xlf')).toContain('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="nl" trgLang="de">');
  });

  it('refuses Dutch as a target, and a folder-less export of every language', async () => {
    const dutch = await bureau('export', '--language', 'nl', '--out', 'nl.xlf');
    expect(dutch.code).toBe(64);
    expect(dutch.err).toContain('Dutch is the source');
    const noFolder = await bureau('export');
    expect(noFolder.code).toBe(64);
    expect(noFolder.err).toContain('give --out FOLDER');
  });
});

describe('bureau translations import', () => {
  it.each(['xliff', 'xliff2'])('changes nothing when given back an unedited %s export, in any language', async (format) => {
    const before = snapshot();
    expect((await bureau('export', '--format', format, '--out', 'office')).code).toBe(0);
    for (const language of ['fr', 'en', 'de']) {
      const result = await bureau('import', `office/${language}.xlf`);
      expect(result.code).toBe(0);
      expect(result.out).toContain(`${language}: 0 changed in 0 files`);
    }
    expect(snapshot()).toEqual(before);
  });

  it('writes an edited translation into its feature’s file for that language, and nothing else', async () => {
    const before = snapshot();
    await bureau('export', '--language', 'fr', '--out', 'fr.xlf');
    editUnit('fr.xlf', 'home.title', 'target', 'Vue d’ensemble &amp; rôles');
    editUnit('fr.xlf', 'home.welcome', 'target', 'Bonjour, {name} !');

    const result = await bureau('import', 'fr.xlf');
    expect(result.code).toBe(0);
    expect(result.out).toContain('fr home.title: "Vue d’ensemble & rôles"');
    expect(result.out).toContain('fr: 2 changed in 1 files, 1562 unchanged');

    const french = JSON.parse(read('src/features/home/messages/fr.json'));
    expect(french['home.title']).toBe('Vue d’ensemble & rôles');
    expect(french['home.welcome']).toBe('Bonjour, {name} !');
    const changed = Object.keys(before).filter((file) => read(file) !== before[file]);
    expect(changed).toEqual([path.join('src/features/home/messages/fr.json')]);
    // The rest of the file is as it was: same keys, same order, same texts.
    expect(Object.keys(french)).toEqual(Object.keys(JSON.parse(before['src/features/home/messages/fr.json']!)));
  });

  it('refuses a translation whose placeholders differ from the Dutch, and writes nothing', async () => {
    const before = snapshot();
    await bureau('export', '--language', 'de', '--out', 'de.xlf');
    editUnit('de.xlf', 'home.title', 'target', 'Übersicht der Rollen');
    editUnit('de.xlf', 'home.welcome', 'target', 'Willkommen, {naam}.');

    const result = await bureau('import', 'de.xlf');
    expect(result.code).toBe(65);
    expect(result.err).toContain('refused, nothing was written');
    expect(result.err).toContain('home.welcome: placeholders {naam} where the Dutch has {name}');
    expect(snapshot()).toEqual(before);
  });

  it('refuses a message the Dutch source does not have, and one whose Dutch text changed since the export', async () => {
    const before = snapshot();
    await bureau('export', '--language', 'en', '--out', 'en.xlf');
    fs.writeFileSync(path.join(root, 'en.xlf'), read('en.xlf').replace('<trans-unit id="home.roles">', '<trans-unit id="home.rolesOld">'));
    editUnit('en.xlf', 'home.title', 'source', 'Startpagina');

    const result = await bureau('import', 'en.xlf');
    expect(result.code).toBe(65);
    expect(result.err).toContain('home.rolesOld: no such message in the Dutch source');
    expect(result.err).toContain('home.title: the Dutch text changed since this file was exported');
    expect(snapshot()).toEqual(before);
  });

  it('refuses a file that is not XLIFF, or that translates into Dutch', async () => {
    fs.writeFileSync(path.join(root, 'notes.xml'), '<notes><note>Merci</note></notes>');
    const notXliff = await bureau('import', 'notes.xml');
    expect(notXliff).toMatchObject({ code: 65, err: expect.stringContaining('is not an XLIFF 1.2 or 2.x file') });

    await bureau('export', '--language', 'fr', '--out', 'fr.xlf');
    fs.writeFileSync(path.join(root, 'nl.xlf'), read('fr.xlf').replace('target-language="fr"', 'target-language="nl-BE"'));
    const intoDutch = await bureau('import', 'nl.xlf');
    expect(intoDutch).toMatchObject({ code: 65, err: expect.stringContaining('translates into nl-BE') });
  });
});

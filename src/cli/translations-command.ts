/**
 * `bureau translations export|import`: the message files as XLIFF for a translation office, Dutch the
 * source, and its work written back into the per-language files after the checks every text passes
 * (docs/translations.md).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { XliffDocument, XliffUnit } from 'xliff';
import { messageSources } from '../messages.ts';
import { checkMessage, describeProblem, placeholdersOf } from '../platform/i18n/checks.ts';
import { languages, type Language } from '../platform/i18n/languages.ts';
import { consoleOutput, exit, type CliOutput } from './admin-commands.ts';

export const translationsUsage = `  translations export [--format xliff|xliff2] [--language fr|en|de] [--out FILE]
                        write the texts as XLIFF 1.2 (or 2.0) for a translation office: the Dutch text as
                        source, the language's as target; without --language, --out names a folder
                        that gets one file per language (fr.xlf, en.xlf, de.xlf)
  translations import FILE
                        check the translations in an XLIFF file and write them into the message files
                        (run both in the project's folder)`;

type TranslatedLanguage = Exclude<Language, 'nl'>;
const translatedLanguages = languages.filter((language): language is TranslatedLanguage => language !== 'nl');
type Format = 'xliff' | 'xliff2';

/** Input the command refuses: said to the person, nothing written. */
class Refused extends Error {}

/** One feature's messages/ folder as it is on disk: the name translators see, and its texts per language. */
interface MessageFolder {
  name: string;
  folder: string;
  texts: Record<Language, Record<string, string>>;
}

function fileOf(root: string, folder: string, language: Language): string {
  return path.join(root, folder, `${language}.json`);
}

function readMessageFolders(root: string): MessageFolder[] {
  return Object.keys(messageSources).map((folder) => {
    const texts = Object.fromEntries(
      languages.map((language) => {
        const file = fileOf(root, folder, language);
        if (!existsSync(file)) throw new Refused(`${file} does not exist: run bureau translations in the project's folder (the one holding src/).`);
        return [language, JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>];
      }),
    ) as MessageFolder['texts'];
    // src/features/cases/messages → "cases": a name that is also a valid XLIFF 2.0 file id.
    return { name: path.basename(path.dirname(folder)), folder, texts };
  });
}

function isTranslatedLanguage(value: string | undefined): value is TranslatedLanguage {
  return (translatedLanguages as readonly string[]).includes(value ?? '');
}

/** A note for the translator of a message with placeholders: they are names, not words. */
function noteOf(dutch: string): string | undefined {
  const names = placeholdersOf(dutch);
  if (names.length === 0) return undefined;
  const keep = `Keep ${names.map((name) => `{${name}}`).join(', ')} as written.`;
  return /,\s*(plural|select|selectordinal)\s*,/.test(dutch) ? `${keep} In {… plural …} and {… select …}, translate only the text inside the inner braces.` : keep;
}

function documentFor(folders: MessageFolder[], language: TranslatedLanguage): XliffDocument {
  const resources: XliffDocument['resources'] = {};
  for (const { name, texts } of folders) {
    resources[name] = Object.fromEntries(
      Object.entries(texts.nl).map(([key, dutch]) => {
        const note = noteOf(dutch);
        return [key, { source: dutch, target: texts[language][key] ?? '', ...(note ? { note } : {}) }];
      }),
    );
  }
  return { sourceLanguage: 'nl', targetLanguage: language, resources };
}

async function exportTranslations(args: string[], root: string, io: CliOutput): Promise<number> {
  let format: Format = 'xliff';
  let language: TranslatedLanguage | undefined;
  let out: string | undefined;
  for (let i = 0; i < args.length; i += 2) {
    const [option, value] = [args[i], args[i + 1]];
    if (option === '--format' && (value === 'xliff' || value === 'xliff2')) format = value;
    else if (option === '--language' && isTranslatedLanguage(value)) language = value;
    else if (option === '--out' && value && !value.startsWith('--')) out = path.resolve(root, value);
    else return usage(io, option === '--language' ? `--language takes ${translatedLanguages.join(', ')}: Dutch is the source, not a translation.` : undefined);
  }
  const folders = readMessageFolders(root);
  // Loaded here, not when `bureau serve` starts: the server never needs it.
  const { jsToXliff12, js2xliff } = await import('xliff');
  const serialise = async (document: XliffDocument) => `<?xml version="1.0" encoding="UTF-8"?>\n${await (format === 'xliff' ? jsToXliff12(document) : js2xliff(document))}\n`;
  const count = folders.reduce((sum, folder) => sum + Object.keys(folder.texts.nl).length, 0);
  if (language) {
    const xml = await serialise(documentFor(folders, language));
    if (!out) {
      io.out(xml.trimEnd());
      return exit.ok;
    }
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, xml);
    io.out(`Wrote ${count} messages, Dutch to ${language}, to ${out}.`);
    return exit.ok;
  }
  if (!out) return usage(io, 'Without --language, give --out FOLDER for one file per language.');
  mkdirSync(out, { recursive: true });
  for (const each of translatedLanguages) {
    const file = path.join(out, `${each}.xlf`);
    writeFileSync(file, await serialise(documentFor(folders, each)));
    io.out(`Wrote ${count} messages, Dutch to ${each}, to ${file}.`);
  }
  return exit.ok;
}

async function parseXliff(xml: string, file: string): Promise<XliffDocument> {
  const version = /<xliff\b[^>]*\bversion\s*=\s*["']([^"']+)["']/.exec(xml)?.[1];
  if (version !== '1.2' && !version?.startsWith('2.')) throw new Refused(`${file} is not an XLIFF 1.2 or 2.x file.`);
  const { xliff12ToJs, xliff2js } = await import('xliff');
  try {
    return await (version === '1.2' ? xliff12ToJs(xml) : xliff2js(xml));
  } catch (error) {
    throw new Refused(`${file} is not a readable XLIFF file: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Every unit of the document by id, through any groups a translation tool added. */
function unitsOf(document: XliffDocument): [string, XliffUnit][] {
  const flatten = (units: Record<string, XliffUnit>): [string, XliffUnit][] =>
    Object.entries(units).flatMap(([id, unit]) => (unit.groupUnits ? flatten(unit.groupUnits) : [[id, unit] as [string, XliffUnit]]));
  return Object.values(document.resources).flatMap(flatten);
}

const baseLanguage = (tag: string | undefined) => tag?.toLowerCase().split(/[-_]/)[0];

async function importTranslations(args: string[], root: string, io: CliOutput): Promise<number> {
  if (args.length !== 1 || args[0]!.startsWith('--')) return usage(io);
  const file = path.resolve(root, args[0]!);
  if (!existsSync(file)) throw new Refused(`${file} does not exist.`);
  const document = await parseXliff(readFileSync(file, 'utf8'), file);
  if (baseLanguage(document.sourceLanguage) !== 'nl') throw new Refused(`${file} translates from ${document.sourceLanguage ?? 'an unnamed language'}; the texts' source is Dutch (nl).`);
  const language = baseLanguage(document.targetLanguage);
  if (!isTranslatedLanguage(language)) {
    throw new Refused(`${file} translates into ${document.targetLanguage ?? 'an unnamed language'}; the translated languages are ${translatedLanguages.join(', ')} (Dutch is edited in nl.json itself).`);
  }

  const folders = readMessageFolders(root);
  const folderOfKey = new Map(folders.flatMap((folder) => Object.keys(folder.texts.nl).map((key) => [key, folder] as const)));
  const problems: string[] = [];
  const changes: { folder: MessageFolder; key: string; text: string }[] = [];
  const seen = new Set<string>();
  let unchanged = 0;
  let untranslated = 0;
  for (const [key, unit] of unitsOf(document)) {
    const folder = folderOfKey.get(key);
    if (!folder) {
      problems.push(describeProblem({ key, problem: 'unknown' }));
      continue;
    }
    if (seen.has(key)) {
      problems.push(`${key}: appears twice in the file`);
      continue;
    }
    seen.add(key);
    const { source, target } = unit;
    if (target === undefined || (typeof target === 'string' && !target.trim())) {
      untranslated += 1;
      continue;
    }
    if (typeof source !== 'string' || typeof target !== 'string') {
      problems.push(`${key}: holds inline markup (<g>, <x/>, <ph> …); the texts are plain text with {placeholders}`);
      continue;
    }
    const dutch = folder.texts.nl[key]!;
    if (source !== dutch) {
      problems.push(`${key}: the Dutch text changed since this file was exported; export again and translate the new text`);
      continue;
    }
    const problem = checkMessage(key, dutch, target);
    if (problem) problems.push(describeProblem(problem));
    else if (target === folder.texts[language][key]) unchanged += 1;
    else changes.push({ folder, key, text: target });
  }
  if (problems.length > 0) {
    throw new Refused([`${file}: refused, nothing was written. Correct these ${problems.length} messages and import again:`, ...problems.map((line) => `  ${line}`)].join('\n'));
  }

  const written = new Set<MessageFolder>();
  for (const { folder, key, text } of changes) {
    folder.texts[language][key] = text;
    written.add(folder);
    io.out(`${language} ${key}: ${JSON.stringify(text)}`);
  }
  for (const folder of written) writeFileSync(fileOf(root, folder.folder, language), `${JSON.stringify(folder.texts[language], null, 2)}\n`);
  const missing = folderOfKey.size - seen.size;
  io.out(
    `${language}: ${changes.length} changed in ${written.size} files, ${unchanged} unchanged, ${untranslated} without a translation in the file and ${missing} not in it (both kept as they were).`,
  );
  return exit.ok;
}

function usage(io: CliOutput, reason?: string): number {
  if (reason) io.err(reason);
  io.err(`Usage: bureau translations …\n${translationsUsage}`);
  return exit.usage;
}

/** Runs `bureau translations …` on the message files under `root` (the project's folder). */
export async function runTranslationsCommand(args: string[], root = process.cwd(), io: CliOutput = consoleOutput): Promise<number> {
  const [command, ...rest] = args;
  try {
    if (command === 'export') return await exportTranslations(rest, root, io);
    if (command === 'import') return await importTranslations(rest, root, io);
    return usage(io);
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    io.err(error.message);
    return exit.refused;
  }
}

/**
 * The integrity risk model as data: its factors, weights, controls and suggested measures, read from YAML
 * (or JSON, which YAML includes), checked with zod, and every problem tied to the line it stands on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { languages, type Language } from '../../../platform/i18n/languages.ts';

const text = z.string().trim().min(1).max(2000);
const texts = z.strictObject(Object.fromEntries(languages.map((language) => [language, text])) as Record<Language, typeof text>);

/** Codes become form field names and keys of stored ratings, so they stay plain identifiers. */
export const factorCodePattern = /^[a-z][a-z0-9_]{1,39}$/;
const code = z.string().regex(factorCodePattern);
const weight = z.number().int().min(1).max(5);

const inherentFactor = z.strictObject({ code, weight, label: texts, description: texts });
const enhancingFactor = z.strictObject({ code, weight, label: texts, description: texts, measure: texts });
const control = z.strictObject({ code, weight, label: texts, description: texts, measure: texts });

function uniqueCodes(list: readonly { code: string }[], ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  list.forEach((item, index) => {
    if (seen.has(item.code)) ctx.addIssue({ code: 'custom', path: [index, 'code'], message: 'duplicate' });
    seen.add(item.code);
  });
}

export const riskModelSchema = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9_-]{1,39}$/),
  version: z.number().int().min(1).max(100000),
  title: texts,
  description: texts,
  sources: z.array(z.strictObject({ title: text, url: z.url().max(500) })).min(1).max(20),
  scoring: z
    .strictObject({
      enhancingAmplification: z.number().min(0).max(2),
      thresholds: z.strictObject({ medium: z.number().min(0).max(100), high: z.number().min(0).max(100) }),
      controlTarget: z.number().int().min(1).max(5),
    })
    .superRefine((scoring, ctx) => {
      if (scoring.thresholds.medium >= scoring.thresholds.high) ctx.addIssue({ code: 'custom', path: ['thresholds', 'high'], message: 'thresholdOrder' });
    }),
  inherentFactors: z.array(inherentFactor).min(1).max(40).superRefine(uniqueCodes),
  enhancingFactors: z.array(enhancingFactor).min(1).max(40).superRefine(uniqueCodes),
  controls: z.array(control).min(1).max(40).superRefine(uniqueCodes),
});

export type RiskModel = z.infer<typeof riskModelSchema>;
export type LocalText = RiskModel['title'];

export type ModelProblemKind = 'syntax' | 'required' | 'wrongType' | 'outOfRange' | 'unknownField' | 'duplicate' | 'thresholdOrder' | 'invalid';

/** One problem in a model file: the line (from 1) it is on, where in the model (`controls[2].weight`), and what is wrong. */
export interface ModelProblem {
  line: number;
  path: string;
  kind: ModelProblemKind;
  /** The parser's own words for a syntax error, or the unknown field's name. */
  detail?: string;
}

export type ModelReading = { ok: true; model: RiskModel } | { ok: false; problems: ModelProblem[] };

/** `['controls', 2, 'weight']` as `controls[2].weight`. */
function formatPath(parts: readonly PropertyKey[]): string {
  return parts.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), '');
}

/**
 * The line a problem is on: the value at the path, or, for a field that is missing, the line of the key of
 * the nearest enclosing field that exists (`label:` for a missing `label.de`).
 */
function lineOf(doc: Document, lines: LineCounter, parts: readonly PropertyKey[], key?: string): number {
  const lineAt = (offset: number) => lines.linePos(offset).line;
  for (let depth = parts.length; depth >= 0; depth--) {
    const here = parts.slice(0, depth) as (string | number)[];
    const node = depth === 0 ? doc.contents : doc.getIn(here, true);
    if (!isNode(node) || !node.range) continue;
    if (key !== undefined && depth === parts.length && isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
      if (pair && isScalar(pair.key) && pair.key.range) return lineAt(pair.key.range[0]);
    }
    if (depth > 0) {
      const parent = depth === 1 ? doc.contents : doc.getIn(here.slice(0, -1), true);
      if (isMap(parent)) {
        const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === here.at(-1));
        if (pair && isScalar(pair.key) && pair.key.range) return lineAt(pair.key.range[0]);
      }
    }
    return lineAt(node.range[0]);
  }
  return 1;
}

/** The value the file holds at a path, to tell a missing field from one of the wrong type. */
function valueAt(data: unknown, parts: readonly PropertyKey[]): unknown {
  let current = data;
  for (const part of parts) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

function kindOf(issue: z.core.$ZodIssue, data: unknown): ModelProblemKind {
  switch (issue.code) {
    case 'invalid_type':
      return valueAt(data, issue.path) === undefined ? 'required' : 'wrongType';
    case 'too_small':
    case 'too_big':
      return 'outOfRange';
    case 'unrecognized_keys':
      return 'unknownField';
    case 'custom':
      return issue.message === 'duplicate' || issue.message === 'thresholdOrder' ? issue.message : 'invalid';
    default:
      return 'invalid';
  }
}

/** Reads a model file's text; on failure, every problem with its line, sorted from the top of the file. */
export function readRiskModel(source: string): ModelReading {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => ({
        line: lines.linePos(error.pos[0]).line,
        path: '',
        kind: 'syntax',
        detail: error.message.split('\n')[0] ?? error.code,
      })),
    };
  }
  const data: unknown = doc.toJS();
  const parsed = riskModelSchema.safeParse(data);
  if (parsed.success) return { ok: true, model: parsed.data };
  const problems: ModelProblem[] = [];
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({ line: lineOf(doc, lines, issue.path, key), path: formatPath([...issue.path, key]), kind: 'unknownField', detail: key });
      }
      continue;
    }
    problems.push({ line: lineOf(doc, lines, issue.path), path: formatPath(issue.path), kind: kindOf(issue, data) });
  }
  problems.sort((a, b) => a.line - b.line);
  return { ok: false, problems };
}

const defaultModelFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'models', 'integrity-risk.yaml');

let defaultModel: RiskModel | undefined;

/** The model shipped with the product; a broken file is a programming error, so it throws. */
export function builtInRiskModel(): RiskModel {
  if (defaultModel) return defaultModel;
  const reading = readRiskModel(fs.readFileSync(defaultModelFile, 'utf8'));
  if (!reading.ok) throw new Error(`the built-in risk model is invalid: ${JSON.stringify(reading.problems)}`);
  defaultModel = reading.model;
  return defaultModel;
}

export function builtInRiskModelSource(): string {
  return fs.readFileSync(defaultModelFile, 'utf8');
}

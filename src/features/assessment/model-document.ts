/**
 * Reads a maturity model document (YAML, or JSON, which the YAML parser reads too) and validates it,
 * turning every syntax error and every validation error into a problem with the line it is on.
 */
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { maturityModelSchema, type MaturityModel } from './model-definition.ts';

export type ModelProblemKind = 'syntax' | 'empty' | 'missing' | 'unknownField' | 'wrongType' | 'count' | 'invalidCode' | 'duplicate' | 'outOfRange' | 'invalid';

export interface ModelProblem {
  line: number;
  kind: ModelProblemKind;
  /** Where in the model, e.g. dimensions.2.questions.0.text.fr */
  path: string;
  /** For counts and ranges: the expected number; for syntax: the parser's own words. */
  detail?: string;
}

export type ModelReading = { ok: true; model: MaturityModel } | { ok: false; problems: ModelProblem[] };

export const maxModelBytes = 512 * 1024;
const maxProblems = 20;

/** The 1-based line of the key (for a field) or node at path, or of its nearest existing parent. */
function lineOf(document: Document, lines: LineCounter, path: readonly PropertyKey[]): number {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const last = path[depth - 1];
    if (depth > 0 && typeof last === 'string') {
      const parent = document.getIn(path.slice(0, depth - 1) as (string | number)[], true);
      if (isMap(parent)) {
        const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === last);
        if (pair && isNode(pair.key) && pair.key.range) return lines.linePos(pair.key.range[0]).line;
      }
    }
    const node = document.getIn(path.slice(0, depth) as (string | number)[], true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return 1;
}

function kindOf(issue: z.core.$ZodIssue): { kind: ModelProblemKind; detail?: string } {
  switch (issue.code) {
    case 'invalid_type':
      return { kind: 'wrongType', detail: issue.expected };
    case 'unrecognized_keys':
      return { kind: 'unknownField', detail: issue.keys.join(', ') };
    case 'too_small':
    case 'too_big':
      if (issue.origin === 'array') return { kind: 'count', detail: `${issue.code === 'too_small' ? '≥' : '≤'} ${String(issue.code === 'too_small' ? issue.minimum : issue.maximum)}` };
      if (issue.origin === 'string') return { kind: issue.code === 'too_small' ? 'empty' : 'invalid' };
      if (issue.code === 'too_small') return { kind: 'outOfRange', detail: `${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)}` };
      return { kind: 'outOfRange', detail: `${issue.inclusive ? '≤' : '<'} ${String(issue.maximum)}` };
    case 'invalid_format':
      return { kind: 'invalidCode' };
    case 'custom':
      return { kind: issue.message === 'duplicate' ? 'duplicate' : 'invalid' };
    default:
      return { kind: 'invalid' };
  }
}

export function readModelDocument(source: string): ModelReading {
  if (!source.trim()) return { ok: false, problems: [{ line: 1, kind: 'empty', path: '' }] };
  if (Buffer.byteLength(source) > maxModelBytes) return { ok: false, problems: [{ line: 1, kind: 'count', path: '', detail: `${maxModelBytes} B` }] };
  const lines = new LineCounter();
  const document = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    return {
      ok: false,
      problems: document.errors.slice(0, maxProblems).map((error) => ({
        line: error.linePos?.[0].line ?? lines.linePos(error.pos[0]).line,
        kind: 'syntax' as const,
        path: '',
        detail: error.message.split('\n')[0] ?? error.code,
      })),
    };
  }
  const parsed = maturityModelSchema.safeParse(document.toJS({ maxAliasCount: 100 }));
  if (parsed.success) return { ok: true, model: parsed.data };
  const problems = parsed.error.issues.slice(0, maxProblems).map((issue) => {
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
    const found = kindOf(issue);
    // Zod does not echo the input back: whether the field is there at all, the document says.
    if (found.kind === 'wrongType' && !document.hasIn(issue.path as (string | number)[])) found.kind = 'missing';
    return { line: lineOf(document, lines, path), path: issue.path.map(String).join('.'), ...found };
  });
  problems.sort((a, b) => a.line - b.line);
  return { ok: false, problems };
}

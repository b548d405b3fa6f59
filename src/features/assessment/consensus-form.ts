/**
 * Reads the facilitator's consensus form: an agreed level (1–5, or none yet) and a remark per question, and
 * per dimension a remark and whether it is complete. A form that contradicts itself — a level outside the
 * scale, or a dimension marked complete with a question left without a level — is refused field by field.
 */
import { levelCount, type MaturityModel } from './model-definition.ts';

export const maxRemarkLength = 2000;

export interface ConsensusInput {
  levels: Map<string, number | null>;
  remarks: Map<string, string>;
  dimensions: Map<string, { complete: boolean; remark: string }>;
}

export type ConsensusProblem = { kind: 'outOfRange' } | { kind: 'tooLong' } | { kind: 'incomplete'; missing: number };

export type ConsensusReading = { ok: true; input: ConsensusInput } | { ok: false; problems: Map<string, ConsensusProblem> };

export const levelField = (questionCode: string) => `level:${questionCode}`;
export const remarkField = (questionCode: string) => `remark:${questionCode}`;
export const completeField = (dimensionCode: string) => `complete:${dimensionCode}`;
export const dimensionRemarkField = (dimensionCode: string) => `dimremark:${dimensionCode}`;

export function readConsensusForm(model: MaturityModel, values: Readonly<Record<string, string | undefined>>): ConsensusReading {
  const problems = new Map<string, ConsensusProblem>();
  const input: ConsensusInput = { levels: new Map(), remarks: new Map(), dimensions: new Map() };
  for (const dimension of model.dimensions) {
    let missing = 0;
    for (const question of dimension.questions) {
      const raw = (values[levelField(question.code)] ?? '').trim();
      let level: number | null = null;
      if (raw !== '') {
        const parsed = /^\d+$/.test(raw) ? Number(raw) : NaN;
        if (!(parsed >= 1 && parsed <= levelCount)) problems.set(levelField(question.code), { kind: 'outOfRange' });
        else level = parsed;
      }
      if (level === null && !problems.has(levelField(question.code))) missing += 1;
      input.levels.set(question.code, level);
      const remark = (values[remarkField(question.code)] ?? '').trim();
      if (remark.length > maxRemarkLength) problems.set(remarkField(question.code), { kind: 'tooLong' });
      input.remarks.set(question.code, remark);
    }
    const complete = values[completeField(dimension.code)] === 'on';
    if (complete && missing > 0) problems.set(completeField(dimension.code), { kind: 'incomplete', missing });
    const remark = (values[dimensionRemarkField(dimension.code)] ?? '').trim();
    if (remark.length > maxRemarkLength) problems.set(dimensionRemarkField(dimension.code), { kind: 'tooLong' });
    input.dimensions.set(dimension.code, { complete, remark });
  }
  return problems.size > 0 ? { ok: false, problems } : { ok: true, input };
}

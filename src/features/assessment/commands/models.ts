/** Imports a maturity model document as a new version of its model (a first import is version 1; an edit is the next version). */
import fs from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../../platform/db/client.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { readModelDocument, type ModelProblem } from '../model-document.ts';
import { assessmentModels } from '../schema.ts';

const modelLock = 727060;

export type ImportModelResult = { ok: true; modelId: string; code: string; version: number } | { ok: false; problems: ModelProblem[] };

export async function importModel(db: Db, actorId: string | null, source: string): Promise<ImportModelResult> {
  const reading = readModelDocument(source);
  if (!reading.ok) return { ok: false, problems: reading.problems };
  const model = reading.model;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${modelLock})`);
    const [latest] = await tx
      .select({ version: sql<number>`coalesce(max(${assessmentModels.version}), 0)::int` })
      .from(assessmentModels)
      .where(eq(assessmentModels.code, model.code));
    const version = (latest?.version ?? 0) + 1;
    const [row] = await tx.insert(assessmentModels).values({ code: model.code, version, source, definition: model, createdBy: actorId }).returning({ id: assessmentModels.id });
    if (!row) throw new Error('model insert returned nothing');
    await recordAudit(tx, { actorId, action: 'assessment.model_imported', subjectType: 'assessment_model', subjectId: row.id, details: { code: model.code, version } });
    return { ok: true as const, modelId: row.id, code: model.code, version };
  });
}

export const defaultModelFile = fileURLToPath(new URL('../models/integrity-maturity.yaml', import.meta.url));
export const defaultModelCode = 'integrity-maturity';

/** Installs the shipped default model on first use, when no version of it exists yet. */
export async function ensureDefaultModel(db: Db): Promise<void> {
  const [existing] = await db.select({ id: assessmentModels.id }).from(assessmentModels).where(eq(assessmentModels.code, defaultModelCode)).limit(1);
  if (existing) return;
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${modelLock})`);
    const [again] = await tx.select({ id: assessmentModels.id }).from(assessmentModels).where(eq(assessmentModels.code, defaultModelCode)).limit(1);
    if (again) return;
    const result = await importModel(tx as unknown as Db, null, fs.readFileSync(defaultModelFile, 'utf8'));
    if (!result.ok) throw new Error(`the shipped default model is invalid: ${JSON.stringify(result.problems)}`);
  });
}

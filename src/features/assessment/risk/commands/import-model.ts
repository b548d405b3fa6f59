/** Imports a new version of the risk model from a YAML or JSON text; every problem comes back with its line. */
import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../../platform/audit/audit.ts';
import type { Db } from '../../../../platform/db/client.ts';
import { builtInRiskModel, readRiskModel, type ModelProblem } from '../model.ts';
import { riskModels } from '../schema.ts';

export type ImportModelResult = { ok: true; code: string; version: number } | { ok: false; problems: (ModelProblem | VersionProblem)[] };

export interface VersionProblem {
  line: number;
  kind: 'versionExists';
  code: string;
  version: number;
}

/** The line `version:` stands on, for the one problem only the database can see. */
function versionLine(source: string): number {
  const index = source.split('\n').findIndex((line) => /^\s*"?version"?\s*:/.test(line));
  return index === -1 ? 1 : index + 1;
}

export async function importRiskModel(db: Db, actorId: string, source: string): Promise<ImportModelResult> {
  const reading = readRiskModel(source);
  if (!reading.ok) return reading;
  const { model } = reading;
  return db.transaction(async (tx): Promise<ImportModelResult> => {
    const [existing] = await tx.select({ id: riskModels.id }).from(riskModels).where(and(eq(riskModels.code, model.code), eq(riskModels.version, model.version)));
    const builtIn = builtInRiskModel();
    if (existing || (builtIn.code === model.code && builtIn.version === model.version)) {
      return { ok: false, problems: [{ line: versionLine(source), kind: 'versionExists', code: model.code, version: model.version }] };
    }
    await tx.insert(riskModels).values({ code: model.code, version: model.version, source, model, importedBy: actorId });
    await recordAudit(tx, { actorId, action: 'risk_model.imported', subjectType: 'risk_model', subjectId: `${model.code}@${model.version}` });
    return { ok: true, code: model.code, version: model.version };
  });
}

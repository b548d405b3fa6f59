/** The integrity coordinator imports maturity models (pasted or uploaded, YAML or JSON) and edit them into new versions. */
import multipart from '@fastify/multipart';
import { requireSignedIn } from '../../../platform/auth/guards.ts';
import { actorOf as policyActor, enforce } from '../../../platform/auth/policy.ts';
import { HttpError } from '../../../platform/http/errors.tsx';
import { viewContext } from '../../../platform/http/request-context.ts';
import { render } from '../../../ui/render.tsx';
import { ensureDefaultModel, importModel } from '../commands/models.ts';
import { maxModelBytes } from '../model-document.ts';
import { getModelVersion, listModelVersions } from '../queries.ts';
import { can } from '../policy.ts';
import { ModelDetailPage, ModelsPage } from '../views/models.tsx';
import { actorOf, assessmentParams, noticeFrom, uuidParam, withNotice } from './shared.ts';
import type { RoutedApp } from '../../../platform/http/route-schemas.ts';

/** The document from an uploaded file when one was chosen, else from the text area. */
function submittedSource(body: unknown): string {
  const { source, file } = (body ?? {}) as Record<string, unknown>;
  if (Buffer.isBuffer(file) && file.length > 0) return file.toString('utf8');
  return typeof source === 'string' ? source : '';
}

export async function modelRoutes(app: RoutedApp): Promise<void> {
  const db = app.parts.database.db;
  // Only these forms are multipart; the fields (the CSRF token among them) are read before the CSRF check runs.
  await app.register(multipart, { attachFieldsToBody: 'keyValues', limits: { fileSize: maxModelBytes, files: 1, fields: 5 } });
  app.addHook('preHandler', requireSignedIn);
  app.addHook('preHandler', async (request, reply) => {
    if (!reply.sent) enforce(can(policyActor(request), 'manage_models'));
  });

  app.get('/models', async (request, reply) => {
    await ensureDefaultModel(db);
    return render(reply, <ModelsPage ctx={viewContext(request, reply)} models={await listModelVersions(db)} source="" problems={[]} notice={noticeFrom(request.query)} />);
  });

  app.post('/models', async (request, reply) => {
    const source = submittedSource(request.body);
    const result = await importModel(db, actorOf(request), source);
    if (!result.ok) return render(reply, <ModelsPage ctx={viewContext(request, reply)} models={await listModelVersions(db)} source={source} problems={result.problems} />, 400);
    return reply.redirect(withNotice(`/assessment/models/${result.modelId}`, 'imported'), 303);
  });

  app.get('/models/:id', { schema: { params: assessmentParams } }, async (request, reply) => {
    const row = await getModelVersion(db, uuidParam(request, 'id'));
    if (!row) throw new HttpError(404);
    return render(reply, <ModelDetailPage ctx={viewContext(request, reply)} model={row} source={row.source} problems={[]} />);
  });

  /** Editing saves the changed document as the next version; assessments keep the version they were made with. */
  app.post('/models/:id', { schema: { params: assessmentParams } }, async (request, reply) => {
    const row = await getModelVersion(db, uuidParam(request, 'id'));
    if (!row) throw new HttpError(404);
    const source = submittedSource(request.body);
    const result = await importModel(db, actorOf(request), source);
    if (!result.ok) return render(reply, <ModelDetailPage ctx={viewContext(request, reply)} model={row} source={source} problems={result.problems} />, 400);
    return reply.redirect(withNotice(`/assessment/models/${result.modelId}`, 'imported'), 303);
  });
}

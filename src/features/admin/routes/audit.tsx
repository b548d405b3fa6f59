/** Routes for the audit trail: the filtered, paged list and the check of the hash chain. */
import { ownCheckpoints } from '../../../platform/audit/checkpoints.ts';
import { verifyAuditTrail } from '../../../platform/audit/verify.ts';
import { formValues, type FieldErrors } from '../../../platform/http/forms.ts';
import { viewContext } from '../../../platform/http/request-context.ts';
import { render } from '../../../ui/render.tsx';
import { auditFilterQuery } from '../form-schemas.ts';
import { auditActions, findUserByEmail, readAuditPage } from '../service.ts';
import { endOfDayUtc, startOfDayUtc } from '../audit-trail.ts';
import { AuditTrailPage, AuditVerifyPage } from '../views/audit.tsx';
import type { RoutedApp } from '../../../platform/http/route-schemas.ts';

export async function auditRoutes(app: RoutedApp): Promise<void> {
  const db = app.parts.database.db;

  app.get('/audit', async (request, reply) => {
    const { t } = request;
    const values = formValues(request.query);
    const parsed = auditFilterQuery.safeParse(values);
    const filter = parsed.success ? parsed.data : {};
    const errors: FieldErrors = {};
    if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= t('admin.audit.dateInvalid');

    const from = filter.from ? startOfDayUtc(filter.from) : undefined;
    const until = filter.until ? endOfDayUtc(filter.until) : undefined;
    if (filter.from && !from) errors.from = t('admin.audit.dateInvalid');
    if (filter.until && !until) errors.until = t('admin.audit.dateInvalid');
    let actorId: string | undefined;
    if (filter.actor) {
      actorId = (await findUserByEmail(db, filter.actor))?.id;
      if (!actorId) errors.actor = t('admin.audit.unknownActor');
    }
    const refused = Object.keys(errors).length > 0;
    // A filter that cannot be applied shows nothing rather than everything, so nobody mistakes the result.
    const page = refused ? { entries: [], olderBeforeSeq: undefined } : await readAuditPage(db, { action: filter.action || undefined, actorId, from, until, beforeSeq: filter.before });

    let olderHref: string | undefined;
    if (page.olderBeforeSeq) {
      const query = new URLSearchParams();
      for (const key of ['action', 'actor', 'from', 'until'] as const) if (values[key]) query.set(key, values[key]!);
      query.set('before', String(page.olderBeforeSeq));
      olderHref = `/admin/audit?${query.toString()}`;
    }
    const filtered = Boolean(values.action || values.actor || values.from || values.until || values.before);
    const view = (
      <AuditTrailPage
        ctx={viewContext(request, reply)}
        entries={page.entries}
        actions={await auditActions(db)}
        values={values}
        errors={refused ? errors : undefined}
        olderHref={olderHref}
        filtered={filtered}
      />
    );
    return render(reply, view, refused ? 400 : 200);
  });

  app.get('/audit/verify', async (request, reply) => {
    // Against the server's own checkpoint file and key; an operator checks an off-site copy with `bureau audit verify --checkpoints`.
    const own = ownCheckpoints(app.parts.config.audit);
    const result = await verifyAuditTrail(db, own);
    return render(reply, <AuditVerifyPage ctx={viewContext(request, reply)} result={result} checkpointsRead={own.checkpointFiles.length > 0} />);
  });
}

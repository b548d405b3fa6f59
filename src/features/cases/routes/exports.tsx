/**
 * Exports: GET /cases/:id/export (print-ready HTML) and /cases/:id/export.pdf for a
 * handler who may read the content (audited as an export; masked for `sees_redacted` holders), and
 * GET /cases/export.csv of case metadata for the integrity coordinator.
 */
import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { renderToString } from 'preact-render-to-string';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { HttpError } from '../../../platform/http/errors.tsx';
import { brusselsDay } from '../../../platform/time/calendar.ts';
import { cases, loadCaseView, loadTaxonomy, themeLabel } from '../../case-record/service.ts';
import { openCase, unlockPath } from '../keys.ts';
import { loadRedactions, redactCaseView, seesRedacted } from '../redaction.ts';
import { ExportDocument, exportStylesheet } from '../exports/case-document.tsx';
import { caseMetadataCsv } from '../exports/metadata.ts';
import { casePdf } from '../exports/pdf.ts';
import { idParams, type RoutedApp } from '../../../platform/http/route-schemas.ts';

export async function exportRoutes(app: RoutedApp): Promise<void> {
  const db = app.parts.database.db;

  app.get('/export.css', async (_request, reply) => reply.type('text/css; charset=utf-8').header('Cache-Control', 'private, max-age=3600').send(exportStylesheet));

  /** The case as this handler may export it, audited; undefined when their key is locked. */
  async function exported(request: FastifyRequest, caseId: string, format: 'html' | 'pdf') {
    const opened = await openCase(db, request, caseId, 'read_content');
    if (opened === 'locked') return undefined;
    const original = await loadCaseView(db, caseId, opened.dataKey);
    const [row] = await db.select({ procedure: cases.procedure, status: cases.status, closedOn: cases.closedOn, theme: cases.theme }).from(cases).where(eq(cases.id, caseId));
    if (!original || !row) throw new HttpError(404);
    const redacted = await seesRedacted(db, caseId, opened.actor.userId);
    const view = redacted ? redactCaseView(original, await loadRedactions(db, caseId)) : original;
    const taxonomy = await loadTaxonomy(db);
    await recordAudit(db, { actorId: opened.actor.userId, action: 'case.exported', subjectType: 'case', subjectId: caseId, details: { format, redacted } });
    return {
      view,
      redacted,
      facts: { procedure: row.procedure, status: row.status, closedOn: row.closedOn, themeLabel: themeLabel(taxonomy, row.theme, request.lang) },
      exportedBy: request.auth!.user.displayName,
      exportedOn: brusselsDay(new Date()),
    };
  }

  app.get('/:id/export', { schema: { params: idParams } }, async (request, reply) => {
    const data = await exported(request, request.params.id, 'html');
    if (!data) return reply.redirect(unlockPath(request), 303);
    const html = renderToString(<ExportDocument lang={request.lang} t={request.t} {...data} />);
    return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(`<!doctype html>${html}`);
  });

  app.get('/:id/export.pdf', { schema: { params: idParams } }, async (request, reply) => {
    const data = await exported(request, request.params.id, 'pdf');
    if (!data) return reply.redirect(unlockPath(request), 303);
    const pdf = await casePdf(request.t, request.lang, data.view, data.facts, data.exportedBy, data.exportedOn, data.redacted);
    return reply
      .type('application/pdf')
      .header('Cache-Control', 'no-store')
      .header('Content-Disposition', `attachment; filename="${data.view.reference}.pdf"`)
      .send(pdf);
  });

  app.get('/export.csv', async (request, reply) => {
    const auth = request.auth;
    if (!auth?.roles.some((g) => g.role === 'integrity_coordinator')) throw new HttpError(404);
    const t = request.t;
    const taxonomy = await loadTaxonomy(db);
    await recordAudit(db, { actorId: auth.user.id, action: 'case.metadata_exported', subjectType: 'cases', details: { format: 'csv', compartments: ['integrity', 'general'] } });
    const header = {
      reference: t('handover.csv.reference'),
      procedure: t('handover.csv.procedure'),
      theme: t('handover.csv.theme'),
      entity: t('handover.csv.entity'),
      channel: t('handover.csv.channel'),
      status: t('handover.csv.status'),
      received: t('handover.csv.received'),
      closed: t('handover.csv.closed'),
      handlers: t('handover.csv.handlers'),
    };
    const lines = caseMetadataCsv(db, auth.user.id, header, (code) => themeLabel(taxonomy, code, request.lang));
    return reply
      .type('text/csv; charset=utf-8')
      .header('Cache-Control', 'no-store')
      .header('Content-Disposition', `attachment; filename="cases-${brusselsDay(new Date())}.csv"`)
      .send(Readable.from(lines));
  });
}

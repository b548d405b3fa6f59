/**
 * GET/POST /cases/retention: the coordinator or an administrator sets the retention periods;
 * GET/POST /cases/:id/legal-hold: a handler who may act on the case, or the coordinator for a case whose
 * metadata they see, places or lifts a legal hold with a reason. Others get a 404.
 */
import type { FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { HttpError } from '../../../platform/http/errors.tsx';
import { formValues, parseForm, type FieldErrors, type FormValues } from '../../../platform/http/forms.ts';
import { viewContext } from '../../../platform/http/request-context.ts';
import { idParams, noticeName, query, type RoutedApp } from '../../../platform/http/route-schemas.ts';
import { render } from '../../../ui/render.tsx';
import { cases, loadTaxonomy, themeLabel } from '../../case-record/service.ts';
import { caseActorOf, loadAccessFacts } from '../access.ts';
import { setLegalHold } from '../commands/set-legal-hold.ts';
import { setRetention } from '../commands/set-retention.ts';
import { can, canSetRetention } from '../policy.ts';
import { legalMinimumYears, loadRetention, type RetentionPeriods } from '../retention.ts';
import { LegalHoldPage, RetentionPage } from '../views/retention.tsx';

const holdForm = z.object({
  hold: z.enum(['on', 'off']),
  version: z.coerce.number().int().positive(),
  reason: z.string().trim().min(1, 'form.required').max(2000, 'form.tooLong'),
});

/** The notice after saving, or nothing. */
const savedNotice = query({ notice: noticeName(['saved']) });

function mayEditRetention(request: FastifyRequest): void {
  if (!canSetRetention(caseActorOf(request)).allowed) throw new HttpError(404);
}

function periodValues(periods: RetentionPeriods): FormValues {
  const values: FormValues = { ...Object.fromEntries(Object.entries(periods.procedures).map(([k, v]) => [k, String(v)])) };
  for (const [theme, years] of Object.entries(periods.themes)) values[`theme_${theme}`] = String(years);
  return values;
}

/** Whole years 1–100; blank theme fields mean "no override". */
function parsePeriods(values: FormValues, themeCodes: string[]): { ok: true; periods: RetentionPeriods } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const years = (name: string, optional: boolean): number | undefined => {
    const raw = (values[name] ?? '').trim();
    if (!raw && optional) return undefined;
    if (!/^\d{1,3}$/.test(raw) || Number(raw) < 1 || Number(raw) > 100) {
      errors[name] = 'handover.retention.years';
      return undefined;
    }
    return Number(raw);
  };
  const procedures = { integrity: years('integrity', false), psychosocial: years('psychosocial', false), question: years('question', false) };
  if (procedures.psychosocial !== undefined && procedures.psychosocial < legalMinimumYears.psychosocial!) errors.psychosocial = 'handover.retention.minimum';
  const themes: Record<string, number> = {};
  for (const code of themeCodes) {
    const value = years(`theme_${code}`, true);
    if (value !== undefined) themes[code] = value;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, periods: { procedures: procedures as RetentionPeriods['procedures'], themes } };
}

export async function retentionRoutes(app: RoutedApp): Promise<void> {
  const db = app.parts.database.db;

  async function themesFor(request: FastifyRequest) {
    const taxonomy = await loadTaxonomy(db);
    return taxonomy.themes.map((theme) => ({ code: theme.code, label: themeLabel(taxonomy, theme.code, request.lang) }));
  }

  app.get('/retention', { schema: { querystring: savedNotice } }, async (request, reply) => {
    mayEditRetention(request);
    const saved = request.query.notice === 'saved';
    return render(reply, <RetentionPage ctx={viewContext(request, reply)} themes={await themesFor(request)} values={periodValues(await loadRetention(db))} saved={saved} />);
  });

  app.post('/retention', async (request, reply) => {
    mayEditRetention(request);
    const ctx = viewContext(request, reply);
    const themes = await themesFor(request);
    const values = formValues(request.body);
    const parsed = parsePeriods(values, themes.map((t) => t.code));
    if (!parsed.ok) {
      const errors = Object.fromEntries(Object.entries(parsed.errors).map(([k, v]) => [k, ctx.t(v as 'handover.retention.years')]));
      return render(reply, <RetentionPage ctx={ctx} themes={themes} values={values} errors={errors} />, 400);
    }
    await setRetention(db, request.auth!.user.id, parsed.periods);
    return reply.redirect('/cases/retention?notice=saved', 303);
  });

  async function holdCase(request: FastifyRequest, caseId: string) {
    const actor = caseActorOf(request);
    const facts = await loadAccessFacts(db, caseId);
    if (!facts) throw new HttpError(404);
    if (!can(actor, 'legal_hold', facts).allowed) throw new HttpError(404);
    const [row] = await db.select({ reference: cases.reference, legalHold: cases.legalHold, version: cases.version }).from(cases).where(eq(cases.id, caseId));
    if (!row) throw new HttpError(404);
    return { actor, row };
  }

  app.get('/:id/legal-hold', { schema: { params: idParams, querystring: savedNotice } }, async (request, reply) => {
    const { row } = await holdCase(request, request.params.id);
    const notice = request.query.notice === 'saved' ? request.t('handover.hold.saved') : undefined;
    return render(reply, <LegalHoldPage ctx={viewContext(request, reply)} caseId={request.params.id} reference={row.reference} legalHold={row.legalHold} version={row.version} notice={notice} />);
  });

  app.post('/:id/legal-hold', { schema: { params: idParams } }, async (request, reply) => {
    const caseId = request.params.id;
    const { actor, row } = await holdCase(request, caseId);
    const ctx = viewContext(request, reply);
    const form = parseForm(holdForm, request.body, request.t);
    const page = (errors: FieldErrors, status: number) =>
      render(reply, <LegalHoldPage ctx={ctx} caseId={caseId} reference={row.reference} legalHold={row.legalHold} version={row.version} values={form.values} errors={errors} />, status);
    if (!form.ok) return page(form.errors, 400);
    const hold = form.data.hold === 'on';
    // The form says which way it goes: a hold placed or lifted meanwhile by someone else makes it stale.
    if (hold === row.legalHold) return page({ reason: ctx.t('handover.hold.stale') }, 409);
    const result = await setLegalHold(db, actor.userId, { caseId, hold, reason: form.data.reason, version: form.data.version });
    if (!result.ok) return page({ reason: ctx.t('handover.hold.stale') }, 409);
    return reply.redirect(`/cases/${caseId}/legal-hold?notice=saved`, 303);
  });
}

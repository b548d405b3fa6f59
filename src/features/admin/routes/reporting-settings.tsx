/** Routes for the reporting point's settings: the landing page's texts and links, and the theme taxonomy (edit as JSON, or reset after confirmation). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseForm, type FieldErrors, type FormValues } from '../../../platform/http/forms.ts';
import { viewContext } from '../../../platform/http/request-context.ts';
import { render } from '../../../ui/render.tsx';
import { loadLandingSettings } from '../../reporting/service.ts';
import { loadTaxonomy } from '../../case-record/service.ts';
import { landingForm, taxonomyForm } from '../form-schemas.ts';
import { readTaxonomy, saveLandingSettings, saveTaxonomy, taxonomyAsJson } from '../service.ts';
import { ConfirmPage } from '../views/confirm.tsx';
import { LandingSettingsPage, landingFormValues } from '../views/landing-settings.tsx';
import { problemText, TaxonomyPage } from '../views/taxonomy.tsx';
import { flashFrom, withNotice } from './flash.ts';
import { actorOf } from './params.ts';
import type { RoutedApp } from '../../../platform/http/route-schemas.ts';

export async function reportingSettingsRoutes(app: RoutedApp): Promise<void> {
  const db = app.parts.database.db;

  app.get('/reporting', async (request, reply) =>
    render(reply, <LandingSettingsPage ctx={viewContext(request, reply)} values={landingFormValues(await loadLandingSettings(db))} flash={flashFrom(request.query)} />),
  );

  app.post('/reporting', async (request, reply) => {
    const ctx = viewContext(request, reply);
    const form = parseForm(landingForm, request.body, request.t);
    if (!form.ok) return render(reply, <LandingSettingsPage ctx={ctx} values={form.values} errors={form.errors} />, 400);
    await saveLandingSettings(db, actorOf(request), form.data);
    return reply.redirect(withNotice('/admin/reporting', 'landingSaved'), 303);
  });

  async function taxonomyPage(request: FastifyRequest, reply: FastifyReply, form?: { values: FormValues; errors: FieldErrors; problems?: string[] }, status = 200) {
    const taxonomy = await loadTaxonomy(db);
    const values = form?.values ?? { taxonomy: taxonomyAsJson(taxonomy) };
    const ctx = viewContext(request, reply);
    return render(reply, <TaxonomyPage ctx={ctx} taxonomy={taxonomy} values={values} errors={form?.errors} problems={form?.problems} flash={flashFrom(request.query)} />, status);
  }

  app.get('/taxonomy', async (request, reply) => taxonomyPage(request, reply));

  app.post('/taxonomy', async (request, reply) => {
    const form = parseForm(taxonomyForm, request.body, request.t);
    if (!form.ok) return taxonomyPage(request, reply, form, 400);
    const reading = readTaxonomy(form.data.taxonomy);
    if (!reading.ok) {
      const problems = reading.problems.map((problem) => problemText(viewContext(request, reply), problem));
      return taxonomyPage(request, reply, { values: form.values, errors: { taxonomy: problems[0] }, problems }, 400);
    }
    const result = await saveTaxonomy(db, actorOf(request), reading.taxonomy);
    if (!result.ok) {
      const errors = { taxonomy: request.t('admin.taxonomy.themesInUse', { codes: result.codes.join(', ') }) };
      return taxonomyPage(request, reply, { values: form.values, errors }, 409);
    }
    return reply.redirect(withNotice('/admin/taxonomy', 'taxonomySaved'), 303);
  });

  app.get('/taxonomy/reset', async (request, reply) => {
    const { t } = request;
    return render(
      reply,
      <ConfirmPage
        ctx={viewContext(request, reply)}
        section="taxonomy"
        title={t('admin.taxonomyReset.title')}
        body={t('admin.taxonomyReset.body')}
        action="/admin/taxonomy/reset"
        submitLabel={t('admin.taxonomyReset.submit')}
        cancelHref="/admin/taxonomy"
      />,
    );
  });

  app.post('/taxonomy/reset', async (request, reply) => {
    const result = await saveTaxonomy(db, actorOf(request), 'defaults');
    if (!result.ok) {
      const errors = { taxonomy: request.t('admin.taxonomy.themesInUseReset', { codes: result.codes.join(', ') }) };
      return taxonomyPage(request, reply, { values: { taxonomy: taxonomyAsJson(await loadTaxonomy(db)) }, errors }, 409);
    }
    return reply.redirect(withNotice('/admin/taxonomy', 'taxonomyReset'), 303);
  });
}

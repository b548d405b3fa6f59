/**
 * The back office's landing pages for case work: the case list at /cases and the
 * dashboard at /cases/dashboard. Registered inside casePages, so its guard (signed in, a case role) applies.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { viewContext } from '../../../platform/http/request-context.ts';
import { brusselsDay } from '../../../platform/time/calendar.ts';
import { render } from '../../../ui/render.tsx';
import { loadEntityOptions, loadTaxonomy, themeLabel, type Taxonomy } from '../../case-record/service.ts';
import { caseActorOf } from '../access.ts';
import { loadDashboard } from '../lists/dashboard.ts';
import { filterQuery, parseListFilters } from '../lists/filters.ts';
import { listCases, listHandlerOptions } from '../lists/query.ts';
import { hasCaseList, listScopeOf } from '../lists/scope.ts';
import { DashboardPage } from '../views/dashboard.tsx';
import { ListPage } from '../views/list.tsx';

function labelsFor(taxonomy: Taxonomy, request: FastifyRequest) {
  return (code: string) => themeLabel(taxonomy, code, request.lang);
}

export async function caseLists(app: FastifyInstance): Promise<void> {
  const db = app.parts.database.db;

  app.get('/', async (request, reply) => {
    const ctx = viewContext(request, reply);
    const scope = listScopeOf(caseActorOf(request));
    const today = brusselsDay(new Date());
    const parsed = parseListFilters(request.query);
    const taxonomy = await loadTaxonomy(db);
    const label = labelsFor(taxonomy, request);
    const common = {
      ctx,
      values: parsed.values,
      sort: parsed.filters.sort,
      themeLabel: label,
      today,
      themes: taxonomy.themes.map((theme) => ({ value: theme.code, label: theme.labels[request.lang] ?? theme.code })),
    };
    const errors = Object.fromEntries(Object.entries(parsed.problems).map(([field, key]) => [field, request.t(key)]));
    if (!hasCaseList(scope)) {
      return render(reply, <ListPage {...common} rows={undefined} errors={{}} filtered={false} nextHref={undefined} firstHref={undefined} entities={[]} handlers={[]} />);
    }
    const [page, entityList, handlerList] = await Promise.all([
      listCases(db, { scope, filters: parsed.filters, today, taxonomy }),
      loadEntityOptions(db),
      listHandlerOptions(db),
    ]);
    // Links carry only the values that were understood, so an ignored filter does not follow the user around.
    const kept = Object.fromEntries(Object.entries(parsed.values).filter(([field]) => !(field in parsed.problems)));
    const filtered = Object.keys(kept).some((field) => field !== 'sort' && field !== 'after');
    const page_ = (
      <ListPage
        {...common}
        rows={page.rows}
        errors={errors}
        filtered={filtered}
        nextHref={page.next ? `/cases${filterQuery(kept, page.next)}` : undefined}
        firstHref={parsed.filters.after ? `/cases${filterQuery(kept, undefined)}` : undefined}
        entities={entityList}
        handlers={handlerList}
      />
    );
    return render(reply, page_, Object.keys(errors).length > 0 ? 400 : 200);
  });

  app.get('/dashboard', async (request, reply) => {
    const ctx = viewContext(request, reply);
    const scope = listScopeOf(caseActorOf(request));
    const today = brusselsDay(new Date());
    const taxonomy = await loadTaxonomy(db);
    const dashboard = hasCaseList(scope) ? await loadDashboard(db, scope, today) : undefined;
    return render(reply, <DashboardPage ctx={ctx} dashboard={dashboard} themeLabel={labelsFor(taxonomy, request)} today={today} />);
  });
}

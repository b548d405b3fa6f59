/**
 * The public figures: the archive of years, each year's publication (its newest version or an earlier
 * one), a CSV per table and the CSVW metadata. No sign-in, no JavaScript, no cookie; every number shown
 * is read from a stored snapshot, never recomputed.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { enforce } from '../../platform/auth/policy.ts';
import { HttpError } from '../../platform/http/errors.tsx';
import { rawQueryValue, type RoutedApp } from '../../platform/http/route-schemas.ts';
import { render } from '../../ui/render.tsx';
import { isIndicatorId } from './indicators.ts';
import { can } from './policy.ts';
import { publicationMetadata, tableCsv } from './open-data.ts';
import { renderToString } from 'preact-render-to-string';
import { loadSnapshot, publicVersionList, publicYears, type VersionSummary } from './publications.ts';
import { ArchivePage, PublicationPage } from './views/publication-page.tsx';
import type { PublicContext } from './views/public-layout.tsx';
import type { PublicationSnapshot } from './compute.ts';

/** No script at all, nothing from elsewhere, no form. */
const publicPolicy = "default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

export function publicContext(request: FastifyRequest): PublicContext {
  const chosen = rawQueryValue(request, 'lang') !== undefined;
  const lang = request.lang;
  return {
    lang,
    t: request.t,
    path: request.url.split('?')[0] ?? '/figures',
    url: (path) => (chosen ? `${path}${path.includes('?') ? '&' : '?'}lang=${lang}` : path),
  };
}

/** The public addresses: a year, a version of it, a data file of either. */
const year = z.string().regex(/^\d{4}$/).transform(Number);
const version = z.string().regex(/^\d{1,4}$/).transform(Number);
const file = z.string();
const yearParams = z.object({ year });
const versionParams = z.object({ year, version });
const yearFileParams = z.object({ year, file });
const versionFileParams = z.object({ year, version, file });

/** Serves `<table>.csv` or `metadata.json` of a snapshot; shared with the coordinator's preview. */
export function sendDataFile(request: FastifyRequest, reply: FastifyReply, snapshot: PublicationSnapshot, file: string, dataBase: string): FastifyReply {
  const ctx = publicContext(request);
  if (file === 'metadata.json') {
    const origin = `${request.protocol}://${request.host}`;
    return reply.type('application/csvm+json; charset=utf-8').send(JSON.stringify(publicationMetadata(snapshot, ctx.lang, ctx.t, `${origin}${dataBase}`), null, 2));
  }
  const id = file.endsWith('.csv') ? file.slice(0, -4) : '';
  const table = isIndicatorId(id) ? snapshot.tables.find((candidate) => candidate.id === id) : undefined;
  if (!table) throw new HttpError(404);
  return reply
    .type('text/csv; charset=utf-8')
    .header('Content-Disposition', `attachment; filename="figures-${snapshot.year}-${table.id}.csv"`)
    .send(tableCsv(table, ctx.lang, ctx.t));
}

export async function figures(app: RoutedApp): Promise<void> {
  const db = app.parts.database.db;
  // Published figures are for everyone (policy.ts); asked first all the same, so the rule lives in one place.
  app.addHook('preHandler', async () => enforce(can(undefined, 'read_published')));

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('Content-Security-Policy', publicPolicy);
    // Open data for everyone: shared caches may keep it a few minutes (a withdrawal shows within that time).
    if (reply.statusCode === 200) reply.header('Cache-Control', 'public, max-age=300');
    // A signed-in visitor's expired session would otherwise clear its cookie here: the public pages set none.
    reply.removeHeader('set-cookie');
    return payload;
  });

  app.get('/', async (request, reply) => render(reply, <ArchivePage ctx={publicContext(request)} years={await publicYears(db)} />));

  interface Shown {
    publicationId: string;
    summary: VersionSummary;
    versions: VersionSummary[];
  }

  async function found(year: number, version?: number): Promise<Shown> {
    const list = await publicVersionList(db, year);
    const summary = version === undefined ? list?.versions[0] : list?.versions.find((v) => v.version === version);
    if (!list || !summary) throw new HttpError(404);
    return { publicationId: list.publicationId, summary, versions: list.versions };
  }

  async function snapshotOf(shown: Shown): Promise<PublicationSnapshot> {
    const snapshot = await loadSnapshot(db, shown.publicationId, shown.summary.version);
    if (!snapshot) throw new HttpError(404);
    return snapshot;
  }

  /**
   * A published snapshot never changes, so its page is rendered once per address, language and state of the
   * version list, and kept (a few dozen pages at most) in this process.
   */
  const rendered = new Map<string, string>();
  async function page(request: FastifyRequest, reply: FastifyReply, shown: Shown, dataBase: string) {
    const key = [shown.publicationId, shown.summary.version, request.lang, request.url, shown.versions.map((v) => `${v.version}${v.status}`).join()].join('|');
    let html = rendered.get(key);
    if (html === undefined) {
      const snapshot = await snapshotOf(shown);
      html = `<!doctype html>${renderToString(<PublicationPage ctx={publicContext(request)} snapshot={snapshot} dataBase={dataBase} versions={shown.versions} shown={shown.summary} />)}`;
      if (rendered.size >= 64) rendered.delete(rendered.keys().next().value!);
      rendered.set(key, html);
    }
    return reply.status(200).type('text/html; charset=utf-8').send(html);
  }

  async function data(request: FastifyRequest, reply: FastifyReply, shown: Shown, file: string, dataBase: string) {
    // A withdrawn version's numbers are not served any more; its place in the version list stays.
    if (shown.summary.status === 'withdrawn') throw new HttpError(404);
    return sendDataFile(request, reply, await snapshotOf(shown), file, dataBase);
  }

  app.get('/:year', { schema: { params: yearParams } }, async (request, reply) => {
    const { year } = request.params;
    return page(request, reply, await found(year), `/figures/${year}`);
  });

  app.get('/:year/versions/:version', { schema: { params: versionParams } }, async (request, reply) => {
    const { year, version } = request.params;
    return page(request, reply, await found(year, version), `/figures/${year}/versions/${version}`);
  });

  app.get('/:year/:file', { schema: { params: yearFileParams } }, async (request, reply) => {
    const { year } = request.params;
    return data(request, reply, await found(year), request.params.file, `/figures/${year}`);
  });

  app.get('/:year/versions/:version/:file', { schema: { params: versionFileParams } }, async (request, reply) => {
    const { year, version } = request.params;
    return data(request, reply, await found(year, version), request.params.file, `/figures/${year}/versions/${version}`);
  });
}

/** Pieces of the case page shared by the full and the metadata view: facts, deadlines and the timeline. */
import { catalog, type MessageKey } from '../../../platform/i18n/catalog.ts';
import type { ViewContext } from '../../../ui/context.ts';
import type { CaseMetadata, TimelineEntry } from '../case-file.ts';

type T = ViewContext['t'];

/** A label from a known family of keys, e.g. ('case.status.', 'closed'); falls back to the code itself. */
export function label(t: T, prefix: string, code: string | null | undefined): string {
  if (!code) return '—';
  const key = `${prefix}${code}`;
  return Object.hasOwn(catalog.nl, key) ? t(key as MessageKey) : code;
}

/** A handler's action time, in Brussels (reporters' actions are never timed: they carry days only). */
export function brusselsDateTime(lang: string, at: Date): string {
  return new Intl.DateTimeFormat(lang, { timeZone: 'Europe/Brussels', dateStyle: 'short', timeStyle: 'short' }).format(at);
}

export function CaseFacts({ ctx, meta, themeName }: { ctx: ViewContext; meta: CaseMetadata; themeName: string }) {
  const { t } = ctx;
  const { row } = meta;
  const people = (list: { id: string; name: string }[]) => (list.length ? list.map((p) => p.name).join(', ') : t('case.none'));
  return (
    <section aria-labelledby="facts-heading">
      <h2 id="facts-heading" class="utrecht-heading-2">
        {t('case.facts')}
      </h2>
      <dl class="ib-facts">
        <dt>{t('case.status')}</dt>
        <dd>{label(t, 'case.status.', row.status)}</dd>
        <dt>{t('case.procedure')}</dt>
        <dd>{label(t, 'case.procedure.', meta.procedure)}</dd>
        <dt>{t('case.kind')}</dt>
        <dd>{label(t, 'case.kind.', row.kind)}</dd>
        <dt>{t('case.theme')}</dt>
        <dd>{themeName}</dd>
        <dt>{t('case.entity')}</dt>
        <dd>{meta.entityName ?? t('case.noEntity')}</dd>
        <dt>{t('case.channel')}</dt>
        <dd>{label(t, 'case.channel.', row.channel)}</dd>
        <dt>{t('case.requesterRole')}</dt>
        <dd>{label(t, 'report.role.', row.requesterRole)}</dd>
        <dt>{t('case.identity')}</dt>
        <dd>{label(t, 'case.identity.', row.identityChoice)}</dd>
        <dt>{t('case.received')}</dt>
        <dd>{row.receivedOn}</dd>
        <dt>{t('case.priority')}</dt>
        <dd>{label(t, 'case.priority.', row.priority)}</dd>
        <dt>{t('case.retaliationRisk')}</dt>
        <dd>{row.retaliationRisk ? label(t, 'case.risk.', row.retaliationRisk) : t('case.risk.unknown')}</dd>
        <dt>{t('case.outcome')}</dt>
        <dd>{row.outcome ? label(t, 'case.outcome.', row.outcome) : t('case.outcome.none')}</dd>
        <dt>{t('case.measures')}</dt>
        <dd>{row.measures.length ? row.measures.map((m) => label(t, 'case.measure.', m)).join(', ') : '—'}</dd>
        <dt>{t('case.handlers')}</dt>
        <dd>{people(meta.holders)}</dd>
        {meta.pending.length ? (
          <>
            <dt>{t('case.pending')}</dt>
            <dd>{people(meta.pending)}</dd>
          </>
        ) : null}
        {meta.excluded.length ? (
          <>
            <dt>{t('case.excludedPeople')}</dt>
            <dd>{meta.excluded.map((p) => `${p.name} (${label(t, 'case.exclusion.', p.reason)})`).join(', ')}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

export function CaseDeadlines({ ctx, meta }: { ctx: ViewContext; meta: CaseMetadata }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="deadlines-heading">
      <h2 id="deadlines-heading" class="utrecht-heading-2">
        {t('case.deadlines')}
      </h2>
      {meta.duties.length === 0 ? (
        <p class="utrecht-paragraph">{t('case.noDeadlines')}</p>
      ) : (
        <div class="ib-table-wrap">
          <table class="utrecht-table">
            <caption class="utrecht-table__caption">{t('case.deadlines')}</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th scope="col" class="utrecht-table__header-cell">{t('case.duty')}</th>
                <th scope="col" class="utrecht-table__header-cell">{t('case.dueOn')}</th>
                <th scope="col" class="utrecht-table__header-cell">{t('case.dutyState')}</th>
                <th scope="col" class="utrecht-table__header-cell">{t('case.metOn')}</th>
                <th scope="col" class="utrecht-table__header-cell">{t('case.basis')}</th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {meta.duties.map((duty) => (
                <tr class={`utrecht-table__row ib-duty ib-duty--${duty.state}`} key={duty.duty}>
                  <th scope="row" class="utrecht-table__cell">{label(t, 'case.duty.', duty.duty)}</th>
                  <td class="utrecht-table__cell">{duty.dueOn ?? '—'}</td>
                  <td class="utrecht-table__cell">{label(t, 'case.dutyState.', duty.state)}</td>
                  <td class="utrecht-table__cell">{duty.metOn ?? '—'}</td>
                  <td class="utrecht-table__cell">{duty.basis}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function eventTitle(t: T, entry: TimelineEntry, names: Map<string, string>): string {
  const d = entry.details;
  switch (entry.kind) {
    case 'status':
      return t('case.event.status', { from: label(t, 'case.status.', String(d.from)), to: label(t, 'case.status.', String(d.to)) });
    case 'procedure':
      return t('case.event.procedure', { procedure: label(t, 'case.procedure.', String(d.procedure)) });
    case 'referral':
      return t('case.event.referral', { name: names.get(String(d.to)) ?? '—' });
    default:
      return label(t, 'case.event.', entry.kind);
  }
}

/** The timeline, newest last; bodies (reasons, notes) appear only in the full view. */
/** In place of a record that did not decrypt: the rest of the case still shows (docs/security.md). */
export function Undecryptable({ ctx }: { ctx: ViewContext }) {
  return <p class="utrecht-paragraph ib-undecryptable">{ctx.t('case.undecryptable')}</p>;
}

export function CaseTimeline({ ctx, timeline, names }: { ctx: ViewContext; timeline: TimelineEntry[]; names: Map<string, string> }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading" class="utrecht-heading-2">
        {t('case.timeline')}
      </h2>
      {timeline.length === 0 ? (
        <p class="utrecht-paragraph">{t('case.emptyTimeline')}</p>
      ) : (
        <ol class="ib-timeline">
          {timeline.map((entry) => (
            <li key={entry.id} class={`ib-timeline__entry ib-timeline__entry--${entry.kind}`}>
              <p class="utrecht-paragraph">
                <strong>{eventTitle(t, entry, names)}</strong>{' '}
                <span class="ib-muted">
                  — <time dateTime={entry.at.toISOString()}>{brusselsDateTime(ctx.lang, entry.at)}</time>
                  {entry.actorName ? ` ${t('case.by', { name: entry.actorName })}` : ''}
                </span>
              </p>
              {entry.undecryptable ? <Undecryptable ctx={ctx} /> : entry.body ? <p class="utrecht-paragraph ib-pre">{entry.body}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

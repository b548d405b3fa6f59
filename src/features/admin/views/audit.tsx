/** The audit trail page: a filter, the events newest first with an "older" link, and the chain check. */
import type { AuditBreak, AuditVerification } from '../../../platform/audit/verify.ts';
import type { FieldErrors, FormValues } from '../../../platform/http/forms.ts';
import type { MessageKey } from '../../../platform/i18n/catalog.ts';
import type { ViewContext } from '../../../ui/context.ts';
import { Fieldset, SelectField, TextField } from '../../../ui/form.tsx';
import type { AuditEntry } from '../audit-trail.ts';
import { AdminPage, BackLink } from './admin-page.tsx';

/** Times in UTC, the same zone the date filter uses, so what is shown and what is filtered agree. */
export function formatUtc(at: Date): string {
  return `${at.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

const subjectTypeKeys: Record<string, MessageKey> = {
  user: 'admin.audit.subject.user',
  entity: 'admin.audit.subject.entity',
  handler_function: 'admin.audit.subject.handlerFunction',
  routing_rule: 'admin.audit.subject.routingRule',
  setting: 'admin.audit.subject.setting',
};

function subjectText(ctx: ViewContext, entry: AuditEntry): string {
  if (!entry.subjectType) return '';
  const key = subjectTypeKeys[entry.subjectType];
  const type = key ? ctx.t(key) : entry.subjectType;
  return `${type}: ${entry.subjectLabel ?? entry.subjectId ?? ''}`;
}

function detailValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

interface AuditPageProps {
  ctx: ViewContext;
  entries: AuditEntry[];
  actions: string[];
  values: FormValues;
  errors?: FieldErrors | undefined;
  olderHref: string | undefined;
  filtered: boolean;
}

export function AuditTrailPage({ ctx, entries, actions, values, errors, olderHref, filtered }: AuditPageProps) {
  const { t } = ctx;
  return (
    <AdminPage ctx={ctx} section="audit" title={t('admin.audit.title')} intro={t('admin.audit.intro')}>
      <form method="get" action="/admin/audit/verify" class="ib-form">
        <p class="utrecht-paragraph">{t('admin.audit.verifyHelp')}</p>
        <div class="utrecht-button-group">
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            {t('admin.audit.verify')}
          </button>
        </div>
      </form>
      <form method="get" action="/admin/audit" class="ib-form">
        <Fieldset legend={t('admin.audit.filter')}>
          <SelectField
            name="action"
            label={t('admin.audit.action')}
            values={values}
            errors={errors}
            options={[{ value: '', label: t('admin.audit.anyAction') }, ...actions.map((a) => ({ value: a, label: a }))]}
          />
          <TextField name="actor" type="email" label={t('admin.audit.actor')} optionalLabel={t('form.optional')} values={values} errors={errors} autocomplete="off" />
          <TextField name="from" type="date" label={t('admin.audit.from')} optionalLabel={t('form.optional')} values={values} errors={errors} />
          <TextField name="until" type="date" label={t('admin.audit.until')} optionalLabel={t('form.optional')} values={values} errors={errors} />
        </Fieldset>
        <div class="utrecht-button-group">
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            {t('admin.audit.filterSubmit')}
          </button>
          {filtered ? (
            <a class="utrecht-link" href="/admin/audit">
              {t('admin.audit.clear')}
            </a>
          ) : null}
        </div>
      </form>
      {entries.length === 0 ? (
        <p class="utrecht-paragraph">{t('admin.audit.none')}</p>
      ) : (
        <div class="ib-table-wrap">
          <table class="utrecht-table">
            <caption class="utrecht-table__caption">{t('admin.audit.caption')}</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th scope="col" class="utrecht-table__header-cell">
                  {t('admin.audit.time')}
                </th>
                <th scope="col" class="utrecht-table__header-cell">
                  {t('admin.audit.who')}
                </th>
                <th scope="col" class="utrecht-table__header-cell">
                  {t('admin.audit.action')}
                </th>
                <th scope="col" class="utrecht-table__header-cell">
                  {t('admin.audit.subject')}
                </th>
                <th scope="col" class="utrecht-table__header-cell">
                  {t('admin.audit.details')}
                </th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {entries.map((entry) => (
                <tr class="utrecht-table__row" key={entry.seq}>
                  <th scope="row" class="utrecht-table__header-cell">
                    <time dateTime={entry.at.toISOString()}>{formatUtc(entry.at)}</time>
                  </th>
                  <td class="utrecht-table__cell">{entry.actorId ? (entry.actorEmail ?? entry.actorId) : t('admin.audit.console')}</td>
                  <td class="utrecht-table__cell">
                    <code>{entry.action}</code>
                  </td>
                  <td class="utrecht-table__cell">{subjectText(ctx, entry)}</td>
                  <td class="utrecht-table__cell">
                    <dl class="ib-details">
                      {Object.entries(entry.details).map(([key, value]) => (
                        <div key={key}>
                          <dt>{key}</dt>
                          <dd>{detailValue(value)}</dd>
                        </div>
                      ))}
                    </dl>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {olderHref ? (
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href={olderHref} rel="next">
            {t('admin.audit.older')}
          </a>
        </p>
      ) : null}
    </AdminPage>
  );
}

function breakText(t: ViewContext['t'], problem: AuditBreak): string {
  switch (problem.kind) {
    case 'hash-mismatch':
      return t('admin.audit.break.hash-mismatch', { seq: String(problem.seq) });
    case 'missing-rows':
      return t('admin.audit.break.missing-rows', { seq: String(problem.seq), through: String(problem.through) });
    case 'head-mismatch':
      return t('admin.audit.break.head-mismatch', { seq: String(problem.seq), chainSeq: String(problem.chainSeq) });
    case 'checkpoint-mismatch':
      return t('admin.audit.break.checkpoint-mismatch', { seq: String(problem.seq), where: problem.where });
    case 'bad-checkpoint':
      return t('admin.audit.break.bad-checkpoint', { where: problem.where });
  }
}

/** The check's outcome: every break, each on its own line, and how far the chain is anchored by signed checkpoints. */
export function AuditVerifyPage({ ctx, result, checkpointsRead }: { ctx: ViewContext; result: AuditVerification; checkpointsRead: boolean }) {
  const { t } = ctx;
  return (
    <AdminPage ctx={ctx} section="audit" title={t('admin.audit.verifyTitle')}>
      <div class={`utrecht-alert ${result.ok ? 'utrecht-alert--ok' : 'utrecht-alert--error'}`} role={result.ok ? 'status' : 'alert'}>
        {result.ok ? (
          <>
            <p class="utrecht-paragraph">{t('admin.audit.verifyOk', { count: result.rows })}</p>
            <p class="utrecht-paragraph">
              {checkpointsRead && result.checkpointsMatched > 0
                ? t('admin.audit.verifyAnchored', { count: result.checkpointsMatched, seq: String(result.anchoredThrough) })
                : t('admin.audit.verifyNoCheckpoints')}
            </p>
          </>
        ) : (
          <>
            <p class="utrecht-paragraph">{t('admin.audit.verifyBroken', { count: result.breaks.length })}</p>
            <ul class="utrecht-unordered-list">
              {result.breaks.map((problem) => (
                <li class="utrecht-unordered-list__item">{breakText(t, problem)}</li>
              ))}
            </ul>
            <p class="utrecht-paragraph">{t('admin.audit.verifyAdvice')}</p>
          </>
        )}
      </div>
      <BackLink href="/admin/audit" label={t('admin.audit.back')} />
    </AdminPage>
  );
}

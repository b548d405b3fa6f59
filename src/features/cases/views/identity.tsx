/** A case's confidential identity, the request to reveal it, and the custodian's decisions (docs/law.md §1, Directive art. 16). */
import type { FieldErrors, FormValues } from '../../../platform/http/forms.ts';
import type { ViewContext } from '../../../ui/context.ts';
import { Form, PageHeading, SelectField, TextAreaField } from '../../../ui/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { IdentityFields } from '../../case-record/service.ts';

function Notice({ text, kind = 'info' }: { text: string | undefined; kind?: 'info' | 'error' }) {
  if (!text) return null;
  return (
    <div class={`utrecht-alert utrecht-alert--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <p class="utrecht-paragraph">{text}</p>
    </div>
  );
}

export interface IdentityPageProps {
  ctx: ViewContext;
  caseId: string;
  reference: string;
  identity: IdentityFields | undefined;
  candidates: { id: string; displayName: string }[];
  pending: { forName: string; createdOn: string }[];
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
  notice?: string | undefined;
}

export function IdentityPage({ ctx, caseId, reference, identity, candidates, pending, values, errors, notice }: IdentityPageProps) {
  const { t } = ctx;
  const shown = (value: string) => value || t('handover.identity.empty');
  return (
    <Layout ctx={ctx} title={t('handover.identity.title')}>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`/cases/${caseId}`}>
          {t('handover.backToCase')} {reference}
        </a>
      </p>
      <PageHeading title={`${t('handover.identity.title')} — ${reference}`} intro={t('handover.identity.intro')} />
      <Notice text={notice} />
      {identity?.undecryptable ? (
        <p class="utrecht-paragraph ib-undecryptable">{t('case.undecryptable')}</p>
      ) : identity ? (
        <dl class="ib-facts">
          <dt>{t('handover.identity.name')}</dt>
          <dd>{shown(identity.name)}</dd>
          <dt>{t('handover.identity.email')}</dt>
          <dd>{shown(identity.email)}</dd>
          <dt>{t('handover.identity.phone')}</dt>
          <dd>{shown(identity.phone)}</dd>
        </dl>
      ) : (
        <p class="utrecht-paragraph">{t('handover.identity.none')}</p>
      )}
      {identity ? (
        <>
          <h2 class="utrecht-heading-2">{t('handover.identity.requestTitle')}</h2>
          {candidates.length === 0 ? (
            <p class="utrecht-paragraph">{t('handover.identity.noCandidates')}</p>
          ) : (
            <Form ctx={ctx} action={`/cases/${caseId}/identity`} submitLabel={t('handover.identity.submit')} errors={errors}>
              <SelectField name="forUser" label={t('handover.identity.forUser')} options={candidates.map((c) => ({ value: c.id, label: c.displayName }))} values={values} errors={errors} />
              <TextAreaField name="reason" label={t('handover.identity.reason')} description={t('handover.identity.reasonHelp')} rows={3} values={values} errors={errors} />
            </Form>
          )}
          {pending.length > 0 ? (
            <>
              <h2 class="utrecht-heading-2">{t('handover.identity.pending')}</h2>
              <ul class="utrecht-unordered-list">
                {pending.map((p) => (
                  <li key={`${p.forName}-${p.createdOn}`}>
                    {p.forName} — {p.createdOn}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : null}
    </Layout>
  );
}

export interface CustodianRequest {
  id: string;
  reference: string;
  requestedBy: string;
  forName: string;
  reason: string | undefined;
}

export function CustodianPage({ ctx, requests, notice, problem }: { ctx: ViewContext; requests: CustodianRequest[]; notice?: string | undefined; problem?: string | undefined }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('handover.custodian.title')}>
      <PageHeading title={t('handover.custodian.title')} intro={t('handover.custodian.intro')} />
      <Notice text={notice} />
      <Notice text={problem} kind="error" />
      {requests.length === 0 ? (
        <p class="utrecht-paragraph">{t('handover.custodian.empty')}</p>
      ) : (
        <div class="ib-table-wrap">
          <table class="utrecht-table">
            <caption class="utrecht-table__caption">{t('handover.custodian.title')}</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th scope="col" class="utrecht-table__header-cell">{t('handover.custodian.reference')}</th>
                <th scope="col" class="utrecht-table__header-cell">{t('handover.custodian.requestedBy')}</th>
                <th scope="col" class="utrecht-table__header-cell">{t('handover.custodian.for')}</th>
                <th scope="col" class="utrecht-table__header-cell">{t('handover.custodian.reason')}</th>
                <th scope="col" class="utrecht-table__header-cell">{t('handover.custodian.decision')}</th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {requests.map((r) => (
                <tr class="utrecht-table__row" key={r.id}>
                  <td class="utrecht-table__cell">{r.reference}</td>
                  <td class="utrecht-table__cell">{r.requestedBy}</td>
                  <td class="utrecht-table__cell">{r.forName}</td>
                  <td class="utrecht-table__cell ib-pre">{r.reason ?? t('handover.custodian.unreadable')}</td>
                  <td class="utrecht-table__cell">
                    <form method="post" action={`/cases/custodian/${r.id}`} class="ib-inline-form">
                      <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
                      <button type="submit" name="decision" value="approve" class="utrecht-button utrecht-button--primary-action" aria-label={`${t('handover.custodian.approve')} ${r.reference}`}>
                        {t('handover.custodian.approve')}
                      </button>{' '}
                      <button type="submit" name="decision" value="refuse" class="utrecht-button utrecht-button--secondary-action" aria-label={`${t('handover.custodian.refuse')} ${r.reference}`}>
                        {t('handover.custodian.refuse')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

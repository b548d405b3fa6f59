/** The routing table (the default group first, with warnings about handlers who cannot receive reports yet), a form to add a rule, and a rule's handler page. */
import type { FieldErrors, FormValues } from '../../../platform/http/forms.ts';
import type { ViewContext } from '../../../ui/context.ts';
import { CheckboxField, Fieldset, Form, SelectField } from '../../../ui/form.tsx';
import { findTheme, type Taxonomy } from '../../case-record/service.ts';
import type { EntitySummary, HandlerFunctionSummary } from '../queries.ts';
import { isDefaultGroup, type HandlerChoice, type RoutingRuleRow, type RuleHandler } from '../routing-table.ts';
import { AdminPage, BackLink, type Flash } from './admin-page.tsx';
import { indentedName } from './role-fields.tsx';
import { roleLabel } from './role-label.ts';

export interface RoutingChoices {
  taxonomy: Taxonomy;
  outline: { entity: EntitySummary; depth: number }[];
  handlers: HandlerChoice[];
  functions: HandlerFunctionSummary[];
}

/** Handler checkboxes are named after the person, since a submitted form field holds one value. */
export const handlerFieldName = (userId: string) => `handler_${userId}`;

function themeText(ctx: ViewContext, taxonomy: Taxonomy, theme: string | null): string {
  if (theme === null) return ctx.t('admin.routing.anyTheme');
  const found = findTheme(taxonomy, theme);
  return found ? found.labels[ctx.lang] : ctx.t('admin.routing.themeGone', { code: theme });
}

function entityText(ctx: ViewContext, rule: Pick<RoutingRuleRow, 'entityId' | 'entityName'>): string {
  return rule.entityId === null ? ctx.t('admin.routing.anyEntity') : (rule.entityName ?? rule.entityId);
}

/** "Theme — Entity", or "Default group", as a rule is named in headings and confirmations. */
export function ruleName(ctx: ViewContext, taxonomy: Taxonomy, rule: RoutingRuleRow): string {
  return isDefaultGroup(rule) ? ctx.t('admin.routing.defaultGroup') : `${themeText(ctx, taxonomy, rule.theme)} — ${entityText(ctx, rule)}`;
}

function handlerFunctionText(ctx: ViewContext, handler: HandlerChoice, functions: HandlerFunctionSummary[]): string {
  return handler.grants.map((grant) => roleLabel(ctx, { ...grant, actorFunction: null, entityId: null, entityName: null }, functions)).join('; ');
}

function HandlerWarnings({ ctx, handler }: { ctx: ViewContext; handler: RuleHandler }) {
  const { t } = ctx;
  return (
    <>
      {!handler.hasKeyPair ? (
        <>
          {' — '}
          <strong>{t('admin.routing.noKeyPair')}</strong>
        </>
      ) : null}
      {!handler.canHandle ? (
        <>
          {' — '}
          <strong>{t('admin.routing.notAHandler')}</strong>
        </>
      ) : null}
    </>
  );
}

function RuleRow({ ctx, rule, choices }: { ctx: ViewContext; rule: RoutingRuleRow; choices: RoutingChoices }) {
  const { t } = ctx;
  const base = `/admin/routing/${rule.id}`;
  return (
    <tr class="utrecht-table__row">
      {isDefaultGroup(rule) ? (
        <th scope="row" colSpan={2} class="utrecht-table__header-cell">
          {t('admin.routing.defaultGroup')}
          <br />
          <span class="ib-tree__meta">{t('admin.routing.defaultGroupHelp')}</span>
        </th>
      ) : (
        <>
          <th scope="row" class="utrecht-table__header-cell">
            {themeText(ctx, choices.taxonomy, rule.theme)}
          </th>
          <td class="utrecht-table__cell">{entityText(ctx, rule)}</td>
        </>
      )}
      <td class="utrecht-table__cell">
        <ul class="utrecht-unordered-list">
          {rule.handlers.map((handler) => (
            <li key={handler.id}>
              {handler.displayName} ({handlerFunctionText(ctx, handler, choices.functions) || handler.email})
              <HandlerWarnings ctx={ctx} handler={handler} />
            </li>
          ))}
        </ul>
      </td>
      <td class="utrecht-table__cell">
        <ul class="ib-inline-list">
          <li>
            <a class="utrecht-link" href={base}>
              {t('admin.routing.editHandlers')}
            </a>
          </li>
          <li>
            <a class="utrecht-link" href={`${base}/delete`}>
              {t('admin.routing.delete')}
            </a>
          </li>
        </ul>
      </td>
    </tr>
  );
}

interface HandlerFieldsProps {
  ctx: ViewContext;
  handlers: HandlerChoice[];
  functions: HandlerFunctionSummary[];
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
}

function HandlerCheckboxes({ ctx, handlers, functions, values, errors }: HandlerFieldsProps) {
  const { t } = ctx;
  return (
    <Fieldset legend={t('admin.routing.handlers')} name="handlers" errors={errors} description={t('admin.routing.handlersHelp')}>
      {handlers.length === 0 ? <p class="utrecht-paragraph">{t('admin.routing.noHandlerChoices')}</p> : null}
      {handlers.map((handler) => (
        <CheckboxField
          key={handler.id}
          name={handlerFieldName(handler.id)}
          label={`${handler.displayName} (${handler.email})`}
          description={[handlerFunctionText(ctx, handler, functions), handler.hasKeyPair ? '' : t('admin.routing.noKeyPair')].filter(Boolean).join(' — ')}
          values={values}
        />
      ))}
    </Fieldset>
  );
}

interface RoutingPageProps {
  ctx: ViewContext;
  rules: RoutingRuleRow[];
  choices: RoutingChoices;
  flash?: Flash | undefined;
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
}

export function RoutingPage({ ctx, rules, choices, flash, values, errors }: RoutingPageProps) {
  const { t } = ctx;
  const withoutKeys = new Set(rules.flatMap((rule) => rule.handlers.filter((h) => !h.hasKeyPair).map((h) => h.id))).size;
  return (
    <AdminPage ctx={ctx} section="routing" title={t('admin.routing.title')} intro={t('admin.routing.intro')} flash={flash}>
      {rules.some(isDefaultGroup) ? null : (
        <div class="utrecht-alert utrecht-alert--warning" role="status">
          <p class="utrecht-paragraph">{t('admin.routing.noDefaultGroup')}</p>
        </div>
      )}
      {withoutKeys > 0 ? (
        <div class="utrecht-alert utrecht-alert--warning" role="status">
          <p class="utrecht-paragraph">{t('admin.routing.handlersWithoutKeys', { count: withoutKeys })}</p>
        </div>
      ) : null}
      {rules.length === 0 ? (
        <p class="utrecht-paragraph">{t('admin.routing.none')}</p>
      ) : (
        <div class="ib-table-wrap">
          <table class="utrecht-table">
            <caption class="utrecht-table__caption">{t('admin.routing.caption')}</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th scope="col" class="utrecht-table__header-cell">
                  {t('admin.routing.theme')}
                </th>
                <th scope="col" class="utrecht-table__header-cell">
                  {t('admin.routing.entity')}
                </th>
                <th scope="col" class="utrecht-table__header-cell">
                  {t('admin.routing.handlers')}
                </th>
                <th scope="col" class="utrecht-table__header-cell">
                  {t('admin.routing.actions')}
                </th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {rules.map((rule) => (
                <RuleRow key={rule.id} ctx={ctx} rule={rule} choices={choices} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 class="utrecht-heading-2" id="new-rule">
        {t('admin.routing.add')}
      </h2>
      <p class="utrecht-paragraph">{t('admin.routing.addHelp')}</p>
      <Form ctx={ctx} action="/admin/routing" submitLabel={t('admin.routing.add')} errors={errors}>
        <SelectField
          name="theme"
          label={t('admin.routing.theme')}
          values={values}
          errors={errors}
          options={[
            { value: '', label: t('admin.routing.anyTheme') },
            ...choices.taxonomy.themes.map((theme) => {
              const domain = choices.taxonomy.domains.find((d) => d.code === theme.domain);
              return { value: theme.code, label: `${domain?.labels[ctx.lang] ?? theme.domain} — ${theme.labels[ctx.lang]}` };
            }),
          ]}
        />
        <SelectField
          name="entityId"
          label={t('admin.routing.entity')}
          description={t('admin.routing.entityHelp')}
          values={values}
          errors={errors}
          options={[{ value: '', label: t('admin.routing.anyEntity') }, ...choices.outline.map(({ entity, depth }) => ({ value: entity.id, label: indentedName(entity.name, depth) }))]}
        />
        <HandlerCheckboxes ctx={ctx} handlers={choices.handlers} functions={choices.functions} values={values} errors={errors} />
      </Form>
    </AdminPage>
  );
}

interface RulePageProps {
  ctx: ViewContext;
  rule: RoutingRuleRow;
  choices: RoutingChoices;
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
}

/** One rule's handlers, to change; people already on the rule stay listed even if they are no longer a handler. */
export function RoutingRulePage({ ctx, rule, choices, values, errors }: RulePageProps) {
  const { t } = ctx;
  const listed = [...choices.handlers, ...rule.handlers.filter((h) => !choices.handlers.some((c) => c.id === h.id))];
  const current = values ?? Object.fromEntries(rule.handlers.map((h) => [handlerFieldName(h.id), 'on']));
  return (
    <AdminPage ctx={ctx} section="routing" title={t('admin.routingRule.title', { rule: ruleName(ctx, choices.taxonomy, rule) })} intro={t('admin.routingRule.intro')}>
      <Form ctx={ctx} action={`/admin/routing/${rule.id}`} submitLabel={t('form.save')} errors={errors}>
        <HandlerCheckboxes ctx={ctx} handlers={listed} functions={choices.functions} values={current} errors={errors} />
      </Form>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`/admin/routing/${rule.id}/delete`}>
          {t('admin.routing.delete')}
        </a>
      </p>
      <BackLink href="/admin/routing" label={t('admin.routing.back')} />
    </AdminPage>
  );
}

/** The entity tree as a nested list, and the pages to create, edit, move and delete an entity. */
import type { FieldErrors, FormValues } from '../../../platform/http/forms.ts';
import type { ViewContext } from '../../../ui/context.ts';
import { Form, SelectField, TextField } from '../../../ui/form.tsx';
import { entityKinds, type EntityNode } from '../entity-tree.ts';
import type { EntitySummary } from '../queries.ts';
import { AdminPage, BackLink, type Flash } from './admin-page.tsx';
import { indentedName } from './role-fields.tsx';

export function EntitiesPage({ ctx, tree, flash }: { ctx: ViewContext; tree: EntityNode<EntitySummary>[]; flash?: Flash | undefined }) {
  const { t } = ctx;
  return (
    <AdminPage ctx={ctx} section="entities" title={t('admin.entities.title')} intro={t('admin.entities.intro')} flash={flash}>
      <p class="utrecht-paragraph">
        <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="/admin/entities/new">
          {t('admin.entities.new')}
        </a>
      </p>
      {tree.length === 0 ? (
        <p class="utrecht-paragraph">{t('admin.entities.none')}</p>
      ) : (
        <ul class="ib-tree" aria-label={t('admin.entities.treeLabel')}>
          {tree.map((node) => (
            <EntityBranch key={node.entity.id} ctx={ctx} node={node} />
          ))}
        </ul>
      )}
    </AdminPage>
  );
}

function EntityBranch({ ctx, node }: { ctx: ViewContext; node: EntityNode<EntitySummary> }) {
  const { entity, children } = node;
  return (
    <li>
      <a class="utrecht-link" href={`/admin/entities/${entity.id}`}>
        {entity.name}
      </a>{' '}
      <span class="ib-tree__meta">
        ({entityMeta(ctx, entity)})
      </span>
      {children.length > 0 ? (
        <ul>
          {children.map((child) => (
            <EntityBranch key={child.entity.id} ctx={ctx} node={child} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function entityMeta(ctx: ViewContext, entity: EntitySummary): string {
  const kind = ctx.t(`admin.entity.kind.${entity.kind}`);
  return entity.headcount === null ? kind : `${kind}, ${ctx.t('admin.entity.headcountValue', { count: entity.headcount })}`;
}

type Outline = { entity: EntitySummary; depth: number }[];

function ParentField({ ctx, outline, values, errors }: { ctx: ViewContext; outline: Outline; values?: FormValues | undefined; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  return (
    <SelectField
      name="parentId"
      label={t('admin.entity.parent')}
      values={values}
      errors={errors}
      options={[{ value: '', label: t('admin.entity.noParent') }, ...outline.map(({ entity, depth }) => ({ value: entity.id, label: indentedName(entity.name, depth) }))]}
    />
  );
}

function EntityFields({ ctx, values, errors }: { ctx: ViewContext; values?: FormValues | undefined; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  return (
    <>
      <TextField name="name" label={t('admin.entity.name')} values={values} errors={errors} maxLength={200} autocomplete="off" />
      <SelectField
        name="kind"
        label={t('admin.entity.kind')}
        values={values}
        errors={errors}
        options={entityKinds.map((kind) => ({ value: kind, label: t(`admin.entity.kind.${kind}`) }))}
      />
      <TextField
        name="headcount"
        type="number"
        inputMode="numeric"
        label={t('admin.entity.headcount')}
        optionalLabel={t('form.optional')}
        description={t('admin.entity.headcountHelp')}
        values={values}
        errors={errors}
      />
    </>
  );
}

export function NewEntityPage({ ctx, outline, values, errors }: { ctx: ViewContext; outline: Outline; values?: FormValues | undefined; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  return (
    <AdminPage ctx={ctx} section="entities" title={t('admin.entityNew.title')}>
      <Form ctx={ctx} action="/admin/entities" submitLabel={t('admin.entityNew.submit')} errors={errors}>
        <EntityFields ctx={ctx} values={values} errors={errors} />
        <ParentField ctx={ctx} outline={outline} values={values} errors={errors} />
      </Form>
      <BackLink href="/admin/entities" label={t('form.cancel')} />
    </AdminPage>
  );
}

interface EntityDetailProps {
  ctx: ViewContext;
  entity: EntitySummary & { children: number; roleHolders: number };
  /** Where it may move: the tree without the entity itself and everything below it. */
  parentChoices: Outline;
  flash?: Flash | undefined;
  form?: { name: 'fields' | 'move'; values: FormValues; errors: FieldErrors } | undefined;
}

export function EntityDetailPage({ ctx, entity, parentChoices, flash, form }: EntityDetailProps) {
  const { t } = ctx;
  const base = `/admin/entities/${entity.id}`;
  const fieldValues = form?.name === 'fields' ? form.values : { name: entity.name, kind: entity.kind, headcount: entity.headcount === null ? '' : String(entity.headcount) };
  const moveValues = form?.name === 'move' ? form.values : { parentId: entity.parentId ?? '' };
  return (
    <AdminPage ctx={ctx} section="entities" title={entity.name} intro={entityMeta(ctx, entity)} flash={flash}>
      <section aria-labelledby="fields-heading">
        <h2 class="utrecht-heading-2" id="fields-heading">
          {t('admin.entityDetail.fields')}
        </h2>
        <Form ctx={ctx} action={base} submitLabel={t('form.save')} errors={form?.name === 'fields' ? form.errors : undefined}>
          <EntityFields ctx={ctx} values={fieldValues} errors={form?.name === 'fields' ? form.errors : undefined} />
        </Form>
      </section>
      <section aria-labelledby="move-heading">
        <h2 class="utrecht-heading-2" id="move-heading">
          {t('admin.entityDetail.move')}
        </h2>
        <p class="utrecht-paragraph">{t('admin.entityDetail.moveHelp')}</p>
        <Form ctx={ctx} action={`${base}/move`} submitLabel={t('admin.entityDetail.moveSubmit')} errors={form?.name === 'move' ? form.errors : undefined}>
          <ParentField ctx={ctx} outline={parentChoices} values={moveValues} errors={form?.name === 'move' ? form.errors : undefined} />
        </Form>
      </section>
      <section aria-labelledby="delete-heading">
        <h2 class="utrecht-heading-2" id="delete-heading">
          {t('admin.entityDetail.delete')}
        </h2>
        <DeleteBlockers ctx={ctx} entity={entity} />
        {entity.children === 0 && entity.roleHolders === 0 ? (
          <p class="utrecht-paragraph">
            <a class="utrecht-link" href={`${base}/delete`}>
              {t('admin.entityDetail.delete')}
            </a>
          </p>
        ) : null}
      </section>
      <BackLink href="/admin/entities" label={t('admin.entities.back')} />
    </AdminPage>
  );
}

/** Why an entity cannot be deleted yet, in words, or nothing when it can. */
export function DeleteBlockers({ ctx, entity }: { ctx: ViewContext; entity: { children: number; roleHolders: number } }) {
  const { t } = ctx;
  if (entity.children === 0 && entity.roleHolders === 0) return null;
  return (
    <ul class="utrecht-unordered-list">
      {entity.children > 0 ? <li>{t('admin.entity.hasChildren', { count: entity.children })}</li> : null}
      {entity.roleHolders > 0 ? <li>{t('admin.entity.hasRoles', { count: entity.roleHolders })}</li> : null}
    </ul>
  );
}

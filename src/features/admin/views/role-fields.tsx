/** The selects a grant may need: the case handler's function, and the integrity actor's function and entity. */
import { actorFunctions } from '../../../platform/auth/roles.ts';
import type { FieldErrors, FormValues } from '../../../platform/http/forms.ts';
import type { ViewContext } from '../../../ui/context.ts';
import { SelectField } from '../../../ui/form.tsx';
import { handlerFunctionLabel, type EntitySummary, type HandlerFunctionSummary } from '../queries.ts';
import { actorFunctionLabel } from './role-label.ts';

export interface RoleChoices {
  handlerFunctions: HandlerFunctionSummary[];
  /** The entity tree in reading order, for an indented select. */
  entities: { entity: EntitySummary; depth: number }[];
}

/** Option labels cannot be styled, so depth is shown with leading no-break spaces. */
export function indentedName(name: string, depth: number): string {
  return `${'\u00a0\u00a0\u00a0'.repeat(depth)}${name}`;
}

interface RoleFunctionFieldsProps {
  ctx: ViewContext;
  choices: RoleChoices;
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
}

export function HandlerFunctionField({ ctx, choices, values, errors }: RoleFunctionFieldsProps) {
  const { t } = ctx;
  return (
    <SelectField
      name="handlerFunction"
      label={t('admin.user.handlerFunction')}
      values={values}
      errors={errors}
      options={[
        { value: '', label: t('admin.choose') },
        ...choices.handlerFunctions.map((f) => ({ value: f.code, label: handlerFunctionLabel(f.labels, ctx.lang, f.code) })),
      ]}
    />
  );
}

export function EntityActorFields({ ctx, choices, values, errors }: RoleFunctionFieldsProps) {
  const { t } = ctx;
  return (
    <>
      <SelectField
        name="actorFunction"
        label={t('admin.user.actorFunction')}
        values={values}
        errors={errors}
        options={[{ value: '', label: t('admin.choose') }, ...actorFunctions.map((f) => ({ value: f, label: actorFunctionLabel(ctx, f) }))]}
      />
      <SelectField
        name="entityId"
        label={t('admin.user.entity')}
        values={values}
        errors={errors}
        options={[
          { value: '', label: t('admin.choose') },
          ...choices.entities.map(({ entity, depth }) => ({ value: entity.id, label: indentedName(entity.name, depth) })),
        ]}
      />
    </>
  );
}

/** The one form helper: fields with their labels, descriptions and errors, the error summary and the CSRF token. */
import type { ComponentChildren } from 'preact';
import type { FieldErrors, FormValues } from '../platform/http/forms.ts';
import type { ViewContext } from './context.ts';

interface FormProps {
  ctx: ViewContext;
  action: string;
  submitLabel: string;
  errors?: FieldErrors | undefined;
  children: ComponentChildren;
  /** Puts the submit button in danger style, for destructive actions behind a confirmation. */
  danger?: boolean;
}

export function Form({ ctx, action, submitLabel, errors, children, danger }: FormProps) {
  return (
    <form method="post" action={action} class="ib-form" noValidate>
      <ErrorSummary ctx={ctx} errors={errors} />
      <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
      {children}
      <div class="utrecht-button-group">
        <button
          type="submit"
          class={`utrecht-button ${danger ? 'utrecht-button--warning' : 'utrecht-button--primary-action'}`}
        >
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

export function ErrorSummary({ ctx, errors }: { ctx: ViewContext; errors?: FieldErrors | undefined }) {
  const entries = Object.entries(errors ?? {}).filter((entry): entry is [string, string] => Boolean(entry[1]));
  if (entries.length === 0) return null;
  return (
    <div class="utrecht-alert utrecht-alert--error ib-error-summary" role="alert" aria-labelledby="error-summary-title">
      <p id="error-summary-title" class="utrecht-paragraph">
        <strong>{ctx.t('form.errorSummary', { count: entries.length })}</strong>
      </p>
      <ul class="utrecht-unordered-list">
        {entries.map(([field, message]) => (
          <li key={field}>
            <a class="utrecht-link" href={`#field-${field}`}>
              {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
  description?: string | undefined;
  optionalLabel?: string | undefined;
}

interface TextFieldProps extends FieldProps {
  type?: 'text' | 'email' | 'password' | 'number' | 'url';
  autocomplete?: string;
  inputMode?: 'numeric' | 'text' | 'email';
  maxLength?: number;
}

export function TextField(props: TextFieldProps) {
  const { name, label, values, errors, description, type = 'text', autocomplete, inputMode, maxLength } = props;
  const error = errors?.[name];
  const describedBy = [description ? `field-${name}-description` : '', error ? `field-${name}-error` : '']
    .filter(Boolean)
    .join(' ');
  // Passwords are never sent back to the browser; everything else the user typed is kept.
  const value = type === 'password' ? '' : (values?.[name] ?? '');
  return (
    <div class={`utrecht-form-field utrecht-form-field--text${error ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={`field-${name}`}>
          {label}
          {props.optionalLabel ? <span class="ib-optional"> {props.optionalLabel}</span> : null}
        </label>
      </div>
      {description ? (
        <div class="utrecht-form-field-description" id={`field-${name}-description`}>
          {description}
        </div>
      ) : null}
      {error ? (
        <div class="utrecht-form-field-error-message" id={`field-${name}-error`}>
          {error}
        </div>
      ) : null}
      <div class="utrecht-form-field__input">
        <input
          class={`utrecht-textbox utrecht-textbox--html-input${error ? ' utrecht-textbox--invalid' : ''}`}
          id={`field-${name}`}
          name={name}
          type={type}
          value={value}
          autocomplete={autocomplete}
          inputMode={inputMode}
          maxLength={maxLength}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy || undefined}
        />
      </div>
    </div>
  );
}

interface SelectFieldProps extends FieldProps {
  options: { value: string; label: string }[];
}

export function SelectField({ name, label, values, errors, description, options }: SelectFieldProps) {
  const error = errors?.[name];
  const describedBy = [description ? `field-${name}-description` : '', error ? `field-${name}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class={`utrecht-form-field${error ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={`field-${name}`}>
          {label}
        </label>
      </div>
      {description ? (
        <div class="utrecht-form-field-description" id={`field-${name}-description`}>
          {description}
        </div>
      ) : null}
      {error ? (
        <div class="utrecht-form-field-error-message" id={`field-${name}-error`}>
          {error}
        </div>
      ) : null}
      <div class="utrecht-form-field__input">
        <select
          class={`utrecht-select utrecht-select--html-select${error ? ' utrecht-select--invalid' : ''}`}
          id={`field-${name}`}
          name={name}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy || undefined}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value} selected={values?.[name] === option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

/** A page section with a heading and optional intro, so pages share one rhythm. */
export function PageHeading({ title, intro }: { title: string; intro?: string | undefined }) {
  return (
    <>
      <h1 class="utrecht-heading-1">{title}</h1>
      {intro ? <p class="utrecht-paragraph ib-lead">{intro}</p> : null}
    </>
  );
}

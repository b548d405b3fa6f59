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
  /** Sends files too (multipart/form-data). */
  multipart?: boolean;
}

export function Form({ ctx, action, submitLabel, errors, children, danger, multipart }: FormProps) {
  return (
    <form method="post" action={action} class="ib-form" noValidate enctype={multipart ? 'multipart/form-data' : undefined}>
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

/** Needs only the translator, so pages without a CSRF token or a signed-in user (the reporting point) use it too. */
export function ErrorSummary({ ctx, errors }: { ctx: Pick<ViewContext, 't'>; errors?: FieldErrors | undefined }) {
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
  type?: 'text' | 'email' | 'password' | 'number' | 'url' | 'date' | 'search';
  autocomplete?: string;
  inputMode?: 'numeric' | 'text' | 'email';
  maxLength?: number;
}

/** The ids that tie an input to its description and error, for aria-describedby. */
function describedBy(name: string, description: string | undefined, error: string | undefined): string | undefined {
  return [description ? `field-${name}-description` : '', error ? `field-${name}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/** The label, description and error every single-input field shows, in the NL Design System's arrangement. */
function LabelledField(props: FieldProps & { text?: boolean; children: ComponentChildren }) {
  const { name, label, errors, description, optionalLabel, text, children } = props;
  const error = errors?.[name];
  return (
    <div class={`utrecht-form-field${text ? ' utrecht-form-field--text' : ''}${error ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={`field-${name}`}>
          {label}
          {optionalLabel ? <span class="ib-optional"> {optionalLabel}</span> : null}
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
      <div class="utrecht-form-field__input">{children}</div>
    </div>
  );
}

export function TextField(props: TextFieldProps) {
  const { name, values, errors, description, type = 'text', autocomplete, inputMode, maxLength } = props;
  const error = errors?.[name];
  // Passwords are never sent back to the browser; everything else the user typed is kept.
  const value = type === 'password' ? '' : (values?.[name] ?? '');
  return (
    <LabelledField {...props} text>
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
        aria-describedby={describedBy(name, description, error)}
      />
    </LabelledField>
  );
}

interface SelectFieldProps extends FieldProps {
  options: { value: string; label: string }[];
}

export function SelectField(props: SelectFieldProps) {
  const { name, values, errors, description, options } = props;
  const error = errors?.[name];
  return (
    <LabelledField {...props}>
      <select
        class={`utrecht-select utrecht-select--html-select${error ? ' utrecht-select--invalid' : ''}`}
        id={`field-${name}`}
        name={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, description, error)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value} selected={values?.[name] === option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </LabelledField>
  );
}

interface TextAreaFieldProps extends FieldProps {
  rows?: number;
  maxLength?: number;
}

/** A multi-line text field, with the same label, description and error arrangement as TextField. */
export function TextAreaField(props: TextAreaFieldProps) {
  const { name, values, errors, description, rows = 6, maxLength } = props;
  const error = errors?.[name];
  return (
    <LabelledField {...props} text>
      <textarea
        class={`utrecht-textarea utrecht-textarea--html-textarea${error ? ' utrecht-textarea--invalid' : ''}`}
        id={`field-${name}`}
        name={name}
        rows={rows}
        maxLength={maxLength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, description, error)}
        value={values?.[name] ?? ''}
      />
    </LabelledField>
  );
}

interface RadioGroupProps {
  name: string;
  legend: string;
  options: { value: string; label: string; description?: string | undefined }[];
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
  description?: string | undefined;
}

/** Radio buttons under one legend; the chosen option is checked again when the form comes back. */
export function RadioGroup({ name, legend, options, values, errors, description }: RadioGroupProps) {
  return (
    <Fieldset legend={legend} name={name} errors={errors} description={description}>
      {options.map((option) => {
        const id = `field-${name}-${option.value}`;
        return (
          <div key={option.value} class="utrecht-form-field utrecht-form-field--radio ib-checkbox">
            <div class="utrecht-form-field__input">
              <input
                class="utrecht-radio-button utrecht-radio-button--html-input"
                type="radio"
                id={id}
                name={name}
                value={option.value}
                checked={values?.[name] === option.value}
                aria-describedby={option.description ? `${id}-description` : undefined}
              />
            </div>
            <div class="utrecht-form-field__label">
              <label class="utrecht-form-label utrecht-form-label--radio" for={id}>
                {option.label}
              </label>
            </div>
            {option.description ? (
              <div class="utrecht-form-field-description" id={`${id}-description`}>
                {option.description}
              </div>
            ) : null}
          </div>
        );
      })}
    </Fieldset>
  );
}

interface CheckboxFieldProps {
  name: string;
  label: string;
  values?: FormValues | undefined;
  description?: string | undefined;
  /** The value the box submits when ticked; a box is ticked again when the typed values hold it. */
  value?: string;
}

/** One checkbox with its label beside it; a ticked box submits `value` (default "on"). */
export function CheckboxField({ name, label, values, description, value = 'on' }: CheckboxFieldProps) {
  return (
    <div class="utrecht-form-field utrecht-form-field--checkbox ib-checkbox">
      <div class="utrecht-form-field__input">
        <input
          class="utrecht-checkbox utrecht-checkbox--html-input"
          type="checkbox"
          id={`field-${name}`}
          name={name}
          value={value}
          checked={values?.[name] === value}
          aria-describedby={description ? `field-${name}-description` : undefined}
        />
      </div>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label utrecht-form-label--checkbox" for={`field-${name}`}>
          {label}
        </label>
      </div>
      {description ? (
        <div class="utrecht-form-field-description" id={`field-${name}-description`}>
          {description}
        </div>
      ) : null}
    </div>
  );
}

interface FieldsetProps {
  legend: string;
  /** The field name an error belongs to, so the error summary can link to it. */
  name?: string;
  errors?: FieldErrors | undefined;
  description?: string | undefined;
  children: ComponentChildren;
}

/** A group of related fields under a legend, with the group's error (if any) above them. */
export function Fieldset({ legend, name, errors, description, children }: FieldsetProps) {
  const error = name ? errors?.[name] : undefined;
  const describedBy = [description && name ? `field-${name}-description` : '', error ? `field-${name}-error` : ''].filter(Boolean).join(' ');
  return (
    <fieldset
      class={`utrecht-form-fieldset ib-fieldset${error ? ' utrecht-form-fieldset--invalid' : ''}`}
      id={name ? `field-${name}` : undefined}
      aria-describedby={describedBy || undefined}
      aria-invalid={error ? 'true' : undefined}
    >
      <legend class="utrecht-form-fieldset__legend">{legend}</legend>
      {description && name ? (
        <div class="utrecht-form-field-description" id={`field-${name}-description`}>
          {description}
        </div>
      ) : null}
      {error && name ? (
        <div class="utrecht-form-field-error-message" id={`field-${name}-error`}>
          {error}
        </div>
      ) : null}
      {children}
    </fieldset>
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

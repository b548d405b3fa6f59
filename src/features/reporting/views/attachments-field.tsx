/**
 * The file input of the report and reply forms, with its limits, and the files held from an earlier
 * attempt, each ticked so it is kept unless the reporter unticks it. It comes last in its form: the
 * server reads the token and draft fields before any file.
 */
import type { FieldErrors } from '../../../platform/http/forms.ts';
import type { AttachmentLimits, HeldFileView, ReporterContext } from '../view-models.ts';
import { formatFileSize, megabytes } from './format.ts';

interface AttachmentsFieldProps {
  ctx: ReporterContext;
  errors: FieldErrors;
  heldFiles: HeldFileView[];
  limits: AttachmentLimits;
}

export function AttachmentsField({ ctx, errors, heldFiles, limits }: AttachmentsFieldProps) {
  const { t, lang } = ctx;
  const error = errors.files;
  const describedBy = ['field-files-description', 'field-files-stripped', error ? 'field-files-error' : ''].filter(Boolean).join(' ');
  return (
    <>
      <div class={`utrecht-form-field${error ? ' utrecht-form-field--invalid' : ''}`}>
        <div class="utrecht-form-field__label">
          <label class="utrecht-form-label" for="field-files">
            {t('report.form.files')}
            <span class="ib-optional"> {t('form.optional')}</span>
          </label>
        </div>
        <div class="utrecht-form-field-description" id="field-files-description">
          {t('report.form.filesHint', { maxFiles: limits.maxFiles, maxMb: megabytes(limits.maxBytes) })}
        </div>
        <div class="utrecht-form-field-description" id="field-files-stripped">
          {t('report.form.filesStripped')}
        </div>
        {error ? (
          <div class="utrecht-form-field-error-message" id="field-files-error">
            {error}
          </div>
        ) : null}
        <div class="utrecht-form-field__input">
          <input
            class="ib-file-input"
            type="file"
            id="field-files"
            name="files"
            multiple
            accept=".jpg,.jpeg,.png,.webp,.pdf,.txt,image/jpeg,image/png,image/webp,application/pdf,text/plain"
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={describedBy}
          />
        </div>
      </div>
      {heldFiles.length > 0 ? (
        <fieldset class="utrecht-form-fieldset ib-fieldset" aria-describedby="field-keepFile-description">
          <legend class="utrecht-form-fieldset__legend">{t('report.form.heldLegend')}</legend>
          <div class="utrecht-form-field-description" id="field-keepFile-description">
            {t('report.form.heldHint')}
          </div>
          {heldFiles.map((file) => (
            <div key={file.id} class="utrecht-form-field utrecht-form-field--checkbox ib-checkbox">
              <div class="utrecht-form-field__input">
                <input
                  class="utrecht-checkbox utrecht-checkbox--html-input"
                  type="checkbox"
                  id={`field-keepFile-${file.id}`}
                  name="keepFile"
                  value={file.id}
                  checked
                />
              </div>
              <div class="utrecht-form-field__label">
                <label class="utrecht-form-label utrecht-form-label--checkbox" for={`field-keepFile-${file.id}`}>
                  {t('report.file.nameSize', { name: file.name, size: formatFileSize(lang, file.size) })}
                </label>
              </div>
            </div>
          ))}
        </fieldset>
      ) : null}
    </>
  );
}

/** Hidden fields naming the held files' draft, so a corrected form keeps them. */
export function DraftFields({ draft }: { draft: { id: string; key: string } | undefined }) {
  if (!draft) return null;
  return (
    <>
      <input type="hidden" name="draftId" value={draft.id} />
      <input type="hidden" name="draftKey" value={draft.key} />
    </>
  );
}

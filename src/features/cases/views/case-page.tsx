/**
 * The case page: for a key holder the whole file (the report, messages with the reporter, tasks, links,
 * a note, the timeline) with the steps and actions they may take; for others allowed the metadata only,
 * the facts, deadlines and the status history without reasons.
 */
import type { FieldErrors, FormValues } from '../../../platform/http/forms.ts';
import type { ViewContext } from '../../../ui/context.ts';
import { Form, PageHeading, SelectField, TextAreaField, TextField } from '../../../ui/form.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { CaseFile, CaseMetadata } from '../case-file.ts';
import type { IdentityFields } from '../../case-record/service.ts';
import { isTerminal, type CaseStatus } from '../lifecycle.ts';
import { CaseDeadlines, CaseFacts, CaseTimeline, label, Undecryptable } from './case-parts.tsx';

/** Which of the page's own forms came back with errors, with what the user typed. */
export interface FailedForm {
  form: 'reply' | 'note' | 'task' | 'link' | 'task_done';
  values: FormValues;
  errors: FieldErrors;
}

function Notice({ ctx, notice }: { ctx: ViewContext; notice: string | undefined }) {
  if (!notice) return null;
  return (
    <div class="utrecht-alert utrecht-alert--info" role="status">
      <p class="utrecht-paragraph">{ctx.t('case.saved')}</p>
    </div>
  );
}

export function CaseMetadataPage({ ctx, meta, themeName, names }: { ctx: ViewContext; meta: CaseMetadata; themeName: string; names: Map<string, string> }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('case.title', { reference: meta.row.reference })}>
      <PageHeading title={t('case.title', { reference: meta.row.reference })} intro={t('case.metadataOnly')} />
      <CaseFacts ctx={ctx} meta={meta} themeName={themeName} />
      <CaseDeadlines ctx={ctx} meta={meta} />
      <CaseTimeline ctx={ctx} timeline={meta.timeline} names={names} />
    </Layout>
  );
}

function ReportText({ ctx, file }: { ctx: ViewContext; file: CaseFile }) {
  const { t } = ctx;
  const { answers } = file.view;
  const part = (title: string, value: string) =>
    value ? (
      <>
        <h3 class="utrecht-heading-3">{title}</h3>
        <p class="utrecht-paragraph ib-pre">{value}</p>
      </>
    ) : null;
  return (
    <section aria-labelledby="report-heading">
      <h2 id="report-heading" class="utrecht-heading-2">
        {t('case.report')}
      </h2>
      {file.view.answersUndecryptable ? <Undecryptable ctx={ctx} /> : null}
      {part(t('handling.description'), answers.description)}
      {part(t('handling.when'), answers.when)}
      {part(t('handling.where'), answers.where)}
      {part(t('handling.involved'), answers.involved)}
      {part(t('handling.contact'), [answers.name, answers.email, answers.phone].filter(Boolean).join('\n'))}
      {file.view.files.length ? (
        <>
          <h3 class="utrecht-heading-3">{t('case.files')}</h3>
          <ul class="utrecht-unordered-list">
            {file.view.files.map((f) => (
              <li key={f.id}>
                <a class="utrecht-link" href={`/cases/${file.row.id}/files/${f.id}`}>
                  {f.undecryptable ? t('case.undecryptable') : f.name}
                </a>{' '}
                ({Math.ceil(f.size / 1024)} KB)
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** Links to the steps the lifecycle allows now and to the other actions, each on a page of its own. */
/** What the case policy lets the reader do here (policy.ts), so the page offers nothing a route would refuse. */
export interface CaseOffers {
  act: boolean;
  legalHold: boolean;
}

function CaseActions({ ctx, file, may }: { ctx: ViewContext; file: CaseFile; may: CaseOffers }) {
  const { t } = ctx;
  const id = file.row.id;
  const closed = isTerminal(file.row.status as CaseStatus);
  return (
    <nav aria-labelledby="actions-heading" class="ib-case-actions">
      <h2 id="actions-heading" class="utrecht-heading-2">
        {t('case.actions')}
      </h2>
      <ul class="utrecht-unordered-list">
        {may.act ? (
          <>
          {file.nextStatuses.map((status) => (
            <li key={status}>
              <a class="utrecht-link" href={`/cases/${id}/status/${status}`}>
                {t('case.moveTo', { status: label(t, 'case.status.', status) })}
              </a>
            </li>
          ))}
          {closed ? null : (
            <li>
              <a class="utrecht-link" href={`/cases/${id}/triage`}>
                {t('case.triage')}
              </a>
            </li>
          )}
          <li>
            <a class="utrecht-link" href={`/cases/${id}/classification`}>
              {t('case.classification')}
            </a>
          </li>
          <li>
            <a class="utrecht-link" href={`/cases/${id}/referral`}>
              {t('case.refer')}
            </a>
          </li>
          <li>
            <a class="utrecht-link" href={`/cases/${id}/exclusion`}>
              {t('case.exclude')}
            </a>
          </li>
          {file.row.channel === 'phone' || file.row.channel === 'in_person' ? (
            <li>
              <a class="utrecht-link" href={`/cases/${id}/record`}>
                {t('case.event.record')}
              </a>
            </li>
          ) : null}
          <li>
            <a class="utrecht-link" href={`/cases/${id}/redactions`}>
              {t('case.redactions')}
            </a>
          </li>
          {file.row.identityChoice === 'confidential' ? (
            <li>
              <a class="utrecht-link" href={`/cases/${id}/identity`}>
                {t('case.event.identity')}
              </a>
            </li>
          ) : null}
          </>
        ) : null}
        <li>
          <a class="utrecht-link" href={`/cases/${id}/export`}>
            {t('case.exportHtml')}
          </a>
        </li>
        <li>
          <a class="utrecht-link" href={`/cases/${id}/export.pdf`}>
            {t('case.exportPdf')}
          </a>
        </li>
        {may.legalHold ? (
          <li>
            <a class="utrecht-link" href={`/cases/${id}/legal-hold`}>
              {t('case.event.hold')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

function Messages({ ctx, file, failed }: { ctx: ViewContext; file: CaseFile; failed: FailedForm | undefined }) {
  const { t } = ctx;
  const own = failed?.form === 'reply' ? failed : undefined;
  return (
    <section aria-labelledby="messages-heading">
      <h2 id="messages-heading" class="utrecht-heading-2">
        {t('case.messages')}
      </h2>
      {file.view.messages.length === 0 ? <p class="utrecht-paragraph">{t('case.noMessages')}</p> : null}
      <ol class="ib-messages">
        {file.view.messages.map((message) => (
          <li key={message.id} class={`ib-message ib-message--${message.author}`}>
            <p class="utrecht-paragraph">
              <strong>{message.author === 'reporter' ? t('case.fromReporter') : t('case.fromHandler')}</strong> — {message.sentOn}
            </p>
            {message.undecryptable ? <Undecryptable ctx={ctx} /> : <p class="utrecht-paragraph ib-pre">{message.body}</p>}
            {message.files.length ? (
              <ul class="utrecht-unordered-list">
                {message.files.map((f) => (
                  <li key={f.id}>
                    <a class="utrecht-link" href={`/cases/${file.row.id}/files/${f.id}`}>
                      {f.undecryptable ? t('case.undecryptable') : f.name}
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
      {file.hasReporterSeal ? null : <p class="utrecht-paragraph">{t('case.noReceipt')}</p>}
      <Form ctx={ctx} action={`/cases/${file.row.id}/messages`} submitLabel={t('case.send')} errors={own?.errors} multipart>
        <TextAreaField name="message_body" label={t('case.reply')} description={t('case.messageToReporterHint')} values={own?.values} errors={own?.errors} />
        <div class="utrecht-form-field ib-field">
          <label class="utrecht-form-label" for="field-files">
            {t('case.attachFiles')}
          </label>
          <input class="utrecht-textbox utrecht-textbox--html-input" type="file" id="field-files" name="files" multiple />
        </div>
      </Form>
    </section>
  );
}

function Tasks({ ctx, file, failed }: { ctx: ViewContext; file: CaseFile; failed: FailedForm | undefined }) {
  const { t } = ctx;
  const own = failed?.form === 'task' ? failed : undefined;
  const assignees = [{ value: '', label: t('case.nobody') }, ...file.holders.map((h) => ({ value: h.id, label: h.name }))];
  return (
    <section aria-labelledby="tasks-heading">
      <h2 id="tasks-heading" class="utrecht-heading-2">
        {t('case.tasks')}
      </h2>
      {file.tasks.length === 0 ? (
        <p class="utrecht-paragraph">{t('case.noTasks')}</p>
      ) : (
        <ul class="utrecht-unordered-list ib-tasks">
          {file.tasks.map((task) => (
            <li key={task.id}>
              {task.undecryptable ? <Undecryptable ctx={ctx} /> : task.title}
              {task.assignee ? ` — ${task.assignee.name}` : ''}
              {task.dueOn ? ` — ${t('case.dueOn')} ${task.dueOn}` : ''}
              {task.doneOn ? (
                ` — ${t('case.taskDone', { date: task.doneOn })}`
              ) : (
                <form method="post" action={`/cases/${file.row.id}/tasks/${task.id}/done`} class="ib-inline-form">
                  <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
                  <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                    {t('case.completeTask')}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      <Form ctx={ctx} action={`/cases/${file.row.id}/tasks`} submitLabel={t('case.addTask')} errors={own?.errors}>
        <TextField name="task_title" label={t('case.taskTitle')} values={own?.values} errors={own?.errors} maxLength={500} />
        <SelectField name="task_assignee" label={t('case.assignee')} options={assignees} values={own?.values} errors={own?.errors} />
        <TextField name="task_due" label={t('case.taskDue')} description={t('case.dateHint')} values={own?.values} errors={own?.errors} inputMode="numeric" />
      </Form>
    </section>
  );
}

function Links({ ctx, file, failed }: { ctx: ViewContext; file: CaseFile; failed: FailedForm | undefined }) {
  const { t } = ctx;
  const own = failed?.form === 'link' ? failed : undefined;
  return (
    <section aria-labelledby="links-heading">
      <h2 id="links-heading" class="utrecht-heading-2">
        {t('case.links')}
      </h2>
      {file.links.length === 0 ? (
        <p class="utrecht-paragraph">{t('case.noLinks')}</p>
      ) : (
        <ul class="utrecht-unordered-list">
          {file.links.map((link) => (
            <li key={link.id}>
              <a class="utrecht-link" href={`/cases/${link.id}`}>
                {link.reference}
              </a>
            </li>
          ))}
        </ul>
      )}
      <Form ctx={ctx} action={`/cases/${file.row.id}/links`} submitLabel={t('case.addLink')} errors={own?.errors}>
        <TextField name="link_reference" label={t('case.linkReference')} values={own?.values} errors={own?.errors} maxLength={20} />
      </Form>
    </section>
  );
}

function NoteForm({ ctx, file, failed }: { ctx: ViewContext; file: CaseFile; failed: FailedForm | undefined }) {
  const { t } = ctx;
  const own = failed?.form === 'note' ? failed : undefined;
  return (
    <section aria-labelledby="note-heading">
      <h2 id="note-heading" class="utrecht-heading-2">
        {t('case.note')}
      </h2>
      <Form ctx={ctx} action={`/cases/${file.row.id}/notes`} submitLabel={t('case.addNote')} errors={own?.errors}>
        <TextAreaField name="note_body" label={t('case.note')} description={t('case.noteHint')} values={own?.values} errors={own?.errors} />
      </Form>
    </section>
  );
}

function ConfidentialIdentity({ ctx, identity }: { ctx: ViewContext; identity: IdentityFields | undefined }) {
  if (!identity) return null;
  const { t } = ctx;
  return (
    <section aria-labelledby="identity-heading">
      <h2 id="identity-heading" class="utrecht-heading-2">
        {t('case.event.identity')}
      </h2>
      {identity.undecryptable ? <Undecryptable ctx={ctx} /> : <p class="utrecht-paragraph ib-pre">{[identity.name, identity.email, identity.phone].filter(Boolean).join('\n')}</p>}
    </section>
  );
}

export interface CasePageProps {
  ctx: ViewContext;
  file: CaseFile;
  identity?: IdentityFields | undefined;
  themeName: string;
  names: Map<string, string>;
  notice?: string | undefined;
  may: CaseOffers;
  failed?: FailedForm | undefined;
}

export function CasePage({ ctx, file, identity, themeName, names, notice, failed, may }: CasePageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('case.title', { reference: file.row.reference })}>
      <PageHeading title={t('case.title', { reference: file.row.reference })} />
      <Notice ctx={ctx} notice={notice} />
      <CaseActions ctx={ctx} file={file} may={may} />
      <CaseFacts ctx={ctx} meta={file} themeName={themeName} />
      <CaseDeadlines ctx={ctx} meta={file} />
      <ReportText ctx={ctx} file={file} />
      <ConfidentialIdentity ctx={ctx} identity={identity} />
      <Messages ctx={ctx} file={file} failed={failed} />
      <Tasks ctx={ctx} file={file} failed={failed} />
      <Links ctx={ctx} file={file} failed={failed} />
      <NoteForm ctx={ctx} file={file} failed={failed} />
      <CaseTimeline ctx={ctx} timeline={file.timeline} names={names} />
    </Layout>
  );
}

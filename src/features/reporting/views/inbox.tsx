/**
 * The reporter's side of a case, reached with the receipt code: where it stands, the conversation,
 * a reply form, what they wrote, and a way to sign out.
 */
import { ErrorSummary, TextAreaField } from '../../../ui/form.tsx';
import type { MessageKey } from '../../../platform/i18n/catalog.ts';
import type { CaseView } from '../../case-record/service.ts';
import { identityChoices, requesterRoles } from '../../case-record/service.ts';
import type { InboxModel, ReporterContext } from '../view-models.ts';
import { AttachmentsField, DraftFields } from './attachments-field.tsx';
import { DetailsList, type Detail } from './details-list.tsx';
import { formatDay, formatFileSize } from './format.ts';
import { ReporterLayout } from './layout.tsx';
import type { RecordReviewState } from '../../case-record/service.ts';

const statuses = ['received', 'acknowledged', 'assessing', 'in_follow_up', 'feedback_given', 'closed', 'not_admissible', 'forwarded', 'referred'] as const;
const kinds = ['question', 'report'] as const;

/** The case's columns are plain text; this narrows one to the values we have words for. */
function isOneOf<T extends string>(value: string, options: readonly T[]): value is T {
  return (options as readonly string[]).includes(value);
}

/** A status the reporter can read; one we do not know yet still reads as "being handled". */
function statusKey(status: string): MessageKey {
  return isOneOf(status, statuses) ? `report.status.${status}` : 'report.status.unknown';
}

function FileLinks({ ctx, files }: { ctx: ReporterContext; files: CaseView['files'] }) {
  return (
    <ul class="utrecht-unordered-list">
      {files.map((file) => (
        <li key={file.id}>
          <a class="utrecht-link" href={ctx.url(`/report/inbox/files/${file.id}`)}>
            {ctx.t('report.file.nameSize', { name: file.name, size: formatFileSize(ctx.lang, file.size) })}
          </a>
        </li>
      ))}
    </ul>
  );
}

function Conversation({ ctx, messages }: { ctx: ReporterContext; messages: CaseView['messages'] }) {
  const { t, lang } = ctx;
  if (messages.length === 0) return <p class="utrecht-paragraph">{t('report.inbox.noMessages')}</p>;
  return (
    <ol class="ib-conversation">
      {messages.map((message) => (
        <li key={message.id} class={`ib-message ib-message--${message.author}`}>
          <p class="ib-message__meta">
            <strong>{message.author === 'reporter' ? t('report.inbox.fromYou') : t('report.inbox.fromHandler')}</strong>{' '}
            <time dateTime={message.sentOn}>{t('report.inbox.sentOn', { date: formatDay(lang, message.sentOn) })}</time>
          </p>
          {/* Plain text; its line breaks are kept by CSS, never by inserting HTML. */}
          {message.undecryptable ? (
            <p class="ib-message__body ib-undecryptable">{t('report.inbox.undecryptable')}</p>
          ) : (
            <div class="ib-text ib-message__body">{message.body}</div>
          )}
          {message.files.length > 0 ? (
            <>
              <p class="ib-message__files">{t('report.inbox.messageFiles')}</p>
              <FileLinks ctx={ctx} files={message.files} />
            </>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function WhatYouWrote({ ctx, model }: { ctx: ReporterContext; model: InboxModel }) {
  const { t } = ctx;
  const { view } = model;
  const { kind, requesterRole: role, identityChoice: identity } = view;
  const facts: Detail[] = [
    ...(isOneOf(kind, kinds) ? [{ label: t('report.details.kind'), value: t(`report.kind.${kind}`) }] : []),
    { label: t('report.details.theme'), value: model.themeLabel },
    ...(model.entityName ? [{ label: t('report.details.entity'), value: model.entityName }] : []),
    ...(isOneOf(role, requesterRoles) ? [{ label: t('report.details.role'), value: t(`report.role.${role}`) }] : []),
    ...(isOneOf(identity, identityChoices) ? [{ label: t('report.details.identity'), value: t(`report.identity.${identity}`) }] : []),
  ];
  const answerFields = ['description', 'when', 'where', 'involved', 'name', 'email', 'phone'] as const;
  const answers: Detail[] = answerFields
    .filter((field) => view.answers[field].trim() !== '')
    .map((field) => ({ label: t(`report.answer.${field}`), value: view.answers[field], multiline: true }));
  return (
    <>
      <h2 class="utrecht-heading-2">{t('report.inbox.answersTitle')}</h2>
      <DetailsList items={[...facts, ...answers]} />
      {view.wantsMeeting ? <p class="utrecht-paragraph">{t('report.inbox.meetingAsked')}</p> : null}
      {view.files.length > 0 ? (
        <>
          <h3 class="utrecht-heading-3">{t('report.inbox.filesTitle')}</h3>
          <FileLinks ctx={ctx} files={view.files} />
        </>
      ) : null}
    </>
  );
}

/** Oral reports: a link to the record of the conversation, and a nudge while it waits for the reporter. */
function RecordNotice({ ctx, state }: { ctx: ReporterContext; state: RecordReviewState }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="record-title">
      <h2 class="utrecht-heading-2" id="record-title">
        {t('report.record.title')}
      </h2>
      <p class="utrecht-paragraph">{state === 'awaiting_review' ? t('report.record.inboxAwaiting') : t(`report.record.state.${state}`)}</p>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={ctx.url('/report/inbox/record')}>
          {t('report.record.inboxLink')}
        </a>
      </p>
    </section>
  );
}

export function InboxPage(model: InboxModel & { recordReview?: RecordReviewState | undefined }) {
  const { ctx, view, errors } = model;
  const { t, lang } = ctx;
  return (
    <ReporterLayout ctx={ctx} title={t('report.inbox.title')}>
      <h1 class="utrecht-heading-1">{t('report.inbox.title')}</h1>
      {model.notice === 'sent' ? (
        <div class="utrecht-alert utrecht-alert--ok" role="status">
          <p class="utrecht-paragraph">{t('report.inbox.sent')}</p>
        </div>
      ) : null}
      <DetailsList
        items={[
          { label: t('report.details.status'), value: t(statusKey(view.status)) },
          { label: t('report.details.reference'), value: view.reference },
          { label: t('report.details.received'), value: formatDay(lang, view.receivedOn) },
          { label: t('report.details.ackDue'), value: formatDay(lang, view.acknowledgementDueOn) },
          { label: t('report.details.feedbackDue'), value: formatDay(lang, view.feedbackDueOn) },
        ]}
      />
      <p class="utrecht-paragraph">{t('report.inbox.datesNote')}</p>
      <p class="utrecht-paragraph">{t('report.confirm.checkBack')}</p>

      {model.recordReview ? <RecordNotice ctx={ctx} state={model.recordReview} /> : null}

      <h2 class="utrecht-heading-2">{t('report.inbox.messagesTitle')}</h2>
      <Conversation ctx={ctx} messages={view.messages} />

      <h2 class="utrecht-heading-2" id="reply-title">
        {t('report.inbox.replyTitle')}
      </h2>
      <form
        id="field-form"
        class="ib-form"
        method="post"
        action={ctx.url('/report/inbox/reply')}
        enctype="multipart/form-data"
        autocomplete="off"
        aria-labelledby="reply-title"
        noValidate
      >
        <ErrorSummary ctx={ctx} errors={errors} />
        {/* The token and the draft come first: the server reads them before it accepts any file. */}
        <input type="hidden" name="formToken" value={model.formToken} />
        <DraftFields draft={model.draft} />
        <TextAreaField name="body" label={t('report.inbox.body')} description={t('report.inbox.bodyHint')} values={model.values} errors={errors} rows={8} maxLength={20_000} />
        <AttachmentsField ctx={ctx} errors={errors} heldFiles={model.heldFiles} limits={model.limits} />
        <div class="utrecht-button-group">
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            {t('report.inbox.replySubmit')}
          </button>
        </div>
      </form>

      <WhatYouWrote ctx={ctx} model={model} />

      {/* Last on the page, with its own single-use token. */}
      <section class="ib-sign-out" aria-labelledby="sign-out-title">
        <h2 class="utrecht-heading-2" id="sign-out-title">
          {t('report.inbox.signOutTitle')}
        </h2>
        <p class="utrecht-paragraph">{t('report.inbox.signOutAdvice')}</p>
        <form method="post" action={ctx.url('/report/inbox/sign-out')}>
          <input type="hidden" name="formToken" value={model.signOutToken} />
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            {t('report.inbox.signOut')}
          </button>
        </form>
      </section>
    </ReporterLayout>
  );
}

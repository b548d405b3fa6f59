/** What the reporting routes hand to the reporter's pages: plain, already-decided data. */
import type { FieldErrors, FormValues } from '../../platform/http/forms.ts';
import type { Language } from '../../platform/i18n/languages.ts';
import type { Translate } from '../../platform/i18n/translate.ts';
import type { CaseView, EntityOption, Taxonomy } from '../case-record/service.ts';

/**
 * The reporter's page context. There is no cookie before a receipt sign-in, so the language travels in
 * every link and form action: build them with url().
 */
export interface ReporterContext {
  lang: Language;
  t: Translate;
  /** A reporting-point path with the current language kept, e.g. url('/report/new'). */
  url(path: string): string;
  /** The current path without query, for the language switcher. */
  path: string;
}

export interface HeldFileView {
  id: string;
  name: string;
  size: number;
}

/** Administrator-configurable text of the landing page; empty strings fall back to the defaults in messages. */
export interface LandingSettings {
  externalChannels: Partial<Record<Language, string>>;
  externalLinks: { label: string; url: string }[];
}

export interface AttachmentLimits {
  maxFiles: number;
  maxBytes: number;
}

export interface ReportFormModel {
  ctx: ReporterContext;
  /** Single-use token proving the form came from us (no cookie is involved). */
  formToken: string;
  values: FormValues;
  errors: FieldErrors;
  /** Files already uploaded with an earlier attempt, held encrypted until submission. */
  heldFiles: HeldFileView[];
  /** Identifies the held files; carried in hidden fields `draftId` and `draftKey`. */
  draft: { id: string; key: string } | undefined;
  taxonomy: Taxonomy;
  entities: EntityOption[];
  limits: AttachmentLimits;
}

export interface ConfirmationModel {
  ctx: ReporterContext;
  receiptCode: string;
  reference: string;
  receivedOn: string;
  acknowledgementDueOn: string;
  feedbackDueOn: string;
  themeLabel: string;
}

export interface ProofModel {
  ctx: ReporterContext;
  reference: string;
  receivedOn: string;
  themeLabel: string;
  kind: 'question' | 'report';
}

export interface FollowUpSignInModel {
  ctx: ReporterContext;
  formToken: string;
  errors: FieldErrors;
}

export interface InboxModel {
  ctx: ReporterContext;
  view: CaseView;
  themeLabel: string;
  entityName: string | undefined;
  /** For the reply form (posted with the receipt session cookie; the token still guards against replay). */
  formToken: string;
  /** The sign-out form's own single-use token. */
  signOutToken: string;
  values: FormValues;
  errors: FieldErrors;
  heldFiles: HeldFileView[];
  draft: { id: string; key: string } | undefined;
  limits: AttachmentLimits;
  notice: 'sent' | undefined;
}

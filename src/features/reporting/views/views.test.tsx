import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { languages, type Language } from '../../../platform/i18n/languages.ts';
import { translator } from '../../../platform/i18n/translate.ts';
import type { CaseView } from '../../case-record/service.ts';
import { defaultTaxonomy } from '../../case-record/service.ts';
import type { InboxModel, ReportFormModel, ReporterContext } from '../view-models.ts';
import { formatDay } from './format.ts';
import { ConfirmationPage, FollowUpSignInPage, InboxPage, LandingPage, ProofPage, ReportFormPage } from './index.ts';

// ---- A small world: a reporter's context, and models as the routes build them. ----

/** As settings.reporterContext builds it: the language travels in links only when the reporter chose one. */
function reporterContext(lang: Language, path: string): ReporterContext {
  const chosen = lang !== 'nl';
  return { lang, t: translator(lang), path, url: (p) => (chosen ? `${p}${p.includes('?') ? '&' : '?'}lang=${lang}` : p) };
}

const heldFile = { id: '3f0c9a53-8a8e-4c1e-9f57-0a3b2c1d4e5f', name: 'facturen maart.pdf', size: 250_000 };

/** Everything a reporter can type, with characters that must survive HTML escaping. */
const typed = {
  kind: 'report',
  theme: 'conflict_of_interest',
  entityId: 'entity-child',
  requesterRole: 'integrity_contact',
  identityChoice: 'confidential',
  contactPreference: 'email',
  wantsMeeting: 'yes',
  name: 'Jan "Jos" Peeters',
  email: 'jan@example.be',
  phone: '+32 2 553 00 00',
  description: 'De directeur <b>betaalt</b> facturen & meer\naan zijn schoonbroer.',
  when: 'Sinds januari',
  where: 'Gebouw Herman Teirlinck',
  involved: 'Directeur X; getuige Y',
};

function formModel(lang: Language, overrides: Partial<ReportFormModel> = {}): ReportFormModel {
  return {
    ctx: reporterContext(lang, '/report/new'),
    formToken: 'token-report-1',
    values: {},
    errors: {},
    heldFiles: [],
    draft: undefined,
    taxonomy: defaultTaxonomy,
    entities: [
      { id: 'entity-root', name: 'Departement Kanselarij', depth: 0 },
      { id: 'entity-child', name: 'Afdeling Personeel', depth: 1 },
    ],
    limits: { maxFiles: 5, maxBytes: 10 * 1024 * 1024 },
    ...overrides,
  };
}

const caseView: CaseView = {
  id: 'case-1',
  reference: 'IB-AB12-CD34',
  kind: 'report',
  domain: 'integrity',
  theme: 'fraud',
  entityId: 'entity-child',
  requesterRole: 'manager',
  identityChoice: 'anonymous',
  wantsMeeting: true,
  contactPreference: 'site_only',
  status: 'in_follow_up',
  receivedOn: '2025-03-03',
  acknowledgementDueOn: '2025-03-10',
  feedbackDueOn: '2025-06-10',
  answers: { description: 'Eerste regel\nTweede regel', when: 'Maart', where: '', involved: '', name: '', email: '', phone: '' },
  files: [{ id: '11111111-2222-3333-4444-555555555555', name: 'foto.jpg', mediaType: 'image/jpeg', size: 2_500_000, messageId: null }],
  messages: [
    { id: 'm1', author: 'handler', sentOn: '2025-03-05', body: 'Dank u.\nOver welke facturen gaat het?', files: [] },
    { id: 'm2', author: 'reporter', sentOn: '2025-03-06', body: 'De <i>facturen</i> van maart.', files: [{ id: '66666666-7777-8888-9999-000000000000', name: 'lijst.txt', mediaType: 'text/plain', size: 300, messageId: 'm2' }] },
  ],
};

function inboxModel(lang: Language, overrides: Partial<InboxModel> = {}): InboxModel {
  return {
    ctx: reporterContext(lang, '/report/inbox'),
    view: caseView,
    themeLabel: 'Fraude',
    entityName: 'Afdeling Personeel',
    formToken: 'token-reply-1',
    signOutToken: 'token-sign-out-1',
    values: {},
    errors: {},
    heldFiles: [],
    draft: undefined,
    limits: { maxFiles: 5, maxBytes: 10 * 1024 * 1024 },
    notice: undefined,
    ...overrides,
  };
}

const receiptCode = '1234 5678 9012 3456';

function confirmation(lang: Language) {
  return (
    <ConfirmationPage
      ctx={reporterContext(lang, '/report/new')}
      receiptCode={receiptCode}
      reference="IB-AB12-CD34"
      receivedOn="2025-03-03"
      acknowledgementDueOn="2025-03-10"
      feedbackDueOn="2025-06-10"
      themeLabel="Fraude"
    />
  );
}

function allPages(lang: Language): [string, VNode][] {
  return [
    ['landing', <LandingPage ctx={reporterContext(lang, '/report')} landing={{ externalChannels: {}, externalLinks: [{ label: 'Vlaamse Ombudsdienst', url: 'https://www.vlaamseombudsdienst.be' }] }} />],
    ['report form', <ReportFormPage {...formModel(lang, { values: typed, heldFiles: [heldFile], draft: { id: 'draft-1', key: 'k'.repeat(43) } })} />],
    ['confirmation', confirmation(lang)],
    ['proof', <ProofPage ctx={reporterContext(lang, '/report/proof/IB-AB12-CD34')} reference="IB-AB12-CD34" receivedOn="2025-03-03" themeLabel="Fraude" kind="question" />],
    ['follow-up sign-in', <FollowUpSignInPage ctx={reporterContext(lang, '/report/follow-up')} formToken="token-follow-up-1" errors={{}} />],
    ['inbox', <InboxPage {...inboxModel(lang)} />],
  ];
}

// ---- Reading the HTML back. ----

const render = (page: VNode) => `<!doctype html>${renderToString(page)}`;

/** The page's text as a reader sees it: entities decoded. */
function decode(html: string): string {
  return html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

function tags(html: string, name: string): string[] {
  return html.match(new RegExp(`<${name}\\b[^>]*>`, 'g')) ?? [];
}

/** An attribute's value; Preact writes an empty value as a bare attribute (`value`), which HTML reads as "". */
function attribute(tag: string, name: string): string | undefined {
  const found = new RegExp(`\\s${name}(?:="([^"]*)")?(?=[\\s/>])`).exec(tag);
  return found ? decode(found[1] ?? '') : undefined;
}

const hasFlag = (tag: string, name: string) => new RegExp(`\\s${name}(?=[\\s/>])`).test(tag);

function input(html: string, name: string, value?: string): string {
  const found = tags(html, 'input').find((tag) => attribute(tag, 'name') === name && (value === undefined || attribute(tag, 'value') === value));
  if (!found) throw new Error(`no input ${name}=${value ?? '*'}`);
  return found;
}

function textareaContent(html: string, name: string): string | undefined {
  const found = new RegExp(`<textarea\\b[^>]*\\sname="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html)?.[1];
  return found === undefined ? undefined : decode(found);
}

function selectedOption(html: string, name: string): string | undefined {
  const select = new RegExp(`<select\\b[^>]*\\sname="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '';
  const selected = tags(select, 'option').filter((tag) => hasFlag(tag, 'selected'));
  return selected.length === 1 ? attribute(selected[0]!, 'value') : undefined;
}

/** The control with this id points at an error element next to it, which holds the message. */
function expectErrorBeside(html: string, controlId: string, message: string) {
  const control = [...tags(html, 'input'), ...tags(html, 'textarea'), ...tags(html, 'select'), ...tags(html, 'fieldset')].find((tag) => attribute(tag, 'id') === controlId);
  expect(control, `control #${controlId}`).toBeDefined();
  expect(attribute(control!, 'aria-invalid')).toBe('true');
  const describedBy = (attribute(control!, 'aria-describedby') ?? '').split(' ');
  const errorIds = describedBy.filter((id) => new RegExp(`id="${id}"[^>]*>${escapeForPattern(message)}<`).test(decode(html)));
  expect(errorIds, `#${controlId} is described by its error`).toHaveLength(1);
}

const escapeForPattern = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// ---- The specification. ----

describe.each(languages)('the reporter pages in %s', (lang) => {
  const t = translator(lang);

  it.each(allPages(lang))('renders the %s page without script, inline style or any link losing the language', (_name, page) => {
    const html = render(page);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).toContain(`<html lang="${lang}"`);
    expect(html).toContain('href="/assets/report.css"');
    const links = [...tags(html, 'a'), ...tags(html, 'form')]
      .filter((tag) => attribute(tag, 'hreflang') === undefined)
      .map((tag) => attribute(tag, 'href') ?? attribute(tag, 'action') ?? '')
      .filter((target) => target.startsWith('/'));
    expect(links.length).toBeGreaterThan(0);
    for (const target of links) {
      expect(target).toMatch(/^\/report(\/|\?|#|$)/);
      if (lang === 'nl') expect(target).not.toContain('lang=');
      else expect(target).toContain(`lang=${lang}`);
    }
  });

  it.each(allPages(lang))('keeps the %s page’s headings in order, starting at one h1', (_name, page) => {
    const levels = [...render(page).matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
    expect(levels[0]).toBe(1);
    expect(levels.filter((level) => level === 1)).toHaveLength(1);
    levels.slice(1).forEach((level, index) => expect(level - levels[index]!).toBeLessThanOrEqual(1));
  });

  it('explains on the landing page what, who, anonymity, the duty to speak up, protection, dates and both ways in', () => {
    const html = decode(render(allPages(lang)[0]![1]));
    for (const key of [
      'report.landing.whatWellbeing',
      'report.landing.actorsTitle',
      'report.landing.dutyTitle',
      'report.landing.dutyHandlers',
      'report.landing.routesWellbeing',
      'report.landing.whoOnly',
      'report.landing.privacy.anonymous',
      'report.landing.privacy.confidential',
      'report.landing.receiptKey',
      'report.landing.protectionBody',
      'report.landing.datesAck',
      'report.landing.datesFeedback',
      'report.landing.externalDefault',
    ] as const) {
      expect(html).toContain(t(key));
    }
    expect(html.indexOf(t('report.landing.dutyTitle'))).toBeLessThan(html.lastIndexOf(t('report.landing.start')));
    expect(html).toContain('href="https://www.vlaamseombudsdienst.be"');
    const suffix = lang === 'nl' ? '' : `?lang=${lang}`;
    expect(html).toContain(`href="/report/new${suffix}"`);
    expect(html).toContain(`href="/report/follow-up${suffix}"`);
  });

  it('shows the administrator’s own text on external channels instead of the default, and only web links', () => {
    const page = (
      <LandingPage
        ctx={reporterContext(lang, '/report')}
        landing={{ externalChannels: { [lang]: 'Meld extern bij de Stadsombudsman.' }, externalLinks: [{ label: 'Ombudsman', url: 'https://ombudsman.example.be' }, { label: 'Bad', url: 'javascript:alert(1)' }] }}
      />
    );
    const html = render(page);
    expect(html).toContain('Meld extern bij de Stadsombudsman.');
    expect(decode(html)).not.toContain(t('report.landing.externalDefault'));
    expect(html).toContain('href="https://ombudsman.example.be"');
    expect(html).not.toContain('javascript:');
  });

  it('offers every theme under its domain, every role, and the three ways of being known', () => {
    const html = render(<ReportFormPage {...formModel(lang)} />);
    for (const domain of defaultTaxonomy.domains) expect(decode(html)).toContain(`<optgroup label="${domain.labels[lang]}">`);
    for (const theme of defaultTaxonomy.themes) expect(html).toContain(`value="${theme.code}"`);
    for (const role of ['staff', 'manager', 'confidential_person', 'integrity_contact', 'hr', 'other']) input(html, 'requesterRole', role);
    for (const choice of ['anonymous', 'confidential', 'named']) input(html, 'identityChoice', choice);
    for (const preference of ['site_only', 'email', 'phone']) input(html, 'contactPreference', preference);
    expect(decode(html)).toContain(t('report.form.roleHint'));
    expect(decode(html)).toContain(t('report.identity.anonymousHint'));
    expect(decode(html)).toContain(t('report.form.dutyNote'));
    expect(selectedOption(html, 'entityId')).toBe('');
    expect(decode(html)).toContain('\u00a0— Afdeling Personeel');
    expect(html).toMatch(/<form[^>]*method="post"[^>]*enctype="multipart\/form-data"[^>]*novalidate/i);
    expect(html).not.toContain('name="draftId"');
  });

  it('puts back everything typed when the form returns with a mistake', () => {
    const html = render(<ReportFormPage {...formModel(lang, { values: typed })} />);
    for (const field of ['kind', 'requesterRole', 'identityChoice', 'contactPreference'] as const) {
      expect(hasFlag(input(html, field, typed[field]), 'checked'), field).toBe(true);
      const others = tags(html, 'input').filter((tag) => attribute(tag, 'name') === field && hasFlag(tag, 'checked'));
      expect(others, `${field} has one choice`).toHaveLength(1);
    }
    expect(selectedOption(html, 'theme')).toBe(typed.theme);
    expect(selectedOption(html, 'entityId')).toBe(typed.entityId);
    for (const field of ['name', 'email', 'phone'] as const) expect(attribute(input(html, field), 'value')).toBe(typed[field]);
    for (const field of ['description', 'when', 'where', 'involved'] as const) expect(textareaContent(html, field)).toBe(typed[field]);
    expect(hasFlag(input(html, 'wantsMeeting', 'yes'), 'checked')).toBe(true);
    expect(html).not.toContain('<b>betaalt</b>');
  });

  it('keeps held files ticked, with their draft, and puts the file field last before the button', () => {
    const html = render(<ReportFormPage {...formModel(lang, { heldFiles: [heldFile], draft: { id: 'draft-1', key: 'k'.repeat(43) } })} />);
    expect(hasFlag(input(html, 'keepFile', heldFile.id), 'checked')).toBe(true);
    expect(decode(html)).toContain(heldFile.name);
    expect(attribute(input(html, 'draftId'), 'value')).toBe('draft-1');
    expect(html).toMatch(/name="draftKey" value="k{43}"/);
    const order = ['name="formToken"', 'name="draftId"', 'name="description"', 'name="files"', 'name="keepFile"', 'type="submit"'].map((marker) => html.indexOf(marker));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(hasFlag(input(html, 'files'), 'multiple')).toBe(true);
    expect(decode(html)).toContain(t('report.form.filesStripped'));
    expect(decode(html)).toContain(t('report.form.filesHint', { maxFiles: 5, maxMb: 10 }));
  });

  it('shows each error beside its field, and all of them in a summary', () => {
    const errors = {
      kind: t('form.invalidChoice'),
      theme: t('form.invalidChoice'),
      description: t('form.required'),
      email: t('intake.emailRequired'),
      files: t('intake.fileType', { name: 'virus.exe' }),
      form: t('intake.formExpired'),
    };
    const html = render(<ReportFormPage {...formModel(lang, { values: typed, errors })} />);
    expectErrorBeside(html, 'field-kind', errors.kind);
    expectErrorBeside(html, 'field-theme', errors.theme);
    expectErrorBeside(html, 'field-description', errors.description);
    expectErrorBeside(html, 'field-email', errors.email);
    expectErrorBeside(html, 'field-files', errors.files);
    const summary = /<div[^>]*ib-error-summary[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
    for (const field of Object.keys(errors)) expect(summary).toContain(`href="#field-${field}"`);
    expect(html).toContain('id="field-form"');
  });

  it('shows the receipt code once, with the advice, the legal dates and the links', () => {
    const html = render(confirmation(lang));
    const text = decode(html);
    expect(html).toContain(receiptCode);
    for (const key of ['report.confirm.codeOnce', 'report.confirm.codeOnly', 'report.confirm.codePrivate'] as const) expect(text).toContain(t(key));
    expect(text).toContain(t('report.confirm.ackBy', { date: formatDay(lang, '2025-03-10') }));
    expect(text).toContain(t('report.confirm.feedbackBy', { date: formatDay(lang, '2025-06-10') }));
    const suffix = lang === 'nl' ? '' : `?lang=${lang}`;
    expect(html).toContain(`href="/report/proof/IB-AB12-CD34${suffix}"`);
    expect(html).toContain(`href="/report/follow-up${suffix}"`);
  });

  it('prints a proof of filing with date, kind, theme and reference, but never the receipt code', () => {
    const html = render(allPages(lang)[3]![1]);
    const text = decode(html);
    expect(text).toContain(formatDay(lang, '2025-03-03'));
    expect(text).toContain(t('report.kind.question'));
    expect(text).toContain('Fraude');
    expect(text).toContain('IB-AB12-CD34');
    expect(text).toContain(t('report.proof.noCode'));
    expect(html).not.toContain(receiptCode);
    expect(html).not.toMatch(/\d{4} \d{4} \d{4} \d{4}/);
  });

  it('asks for the receipt code without echoing it, and says the same for any wrong code', () => {
    const error = t('intake.receiptWrong');
    const html = render(<FollowUpSignInPage ctx={reporterContext(lang, '/report/follow-up')} formToken="token-follow-up-1" errors={{ receiptCode: error }} />);
    const field = input(html, 'receiptCode');
    expect(attribute(field, 'inputmode') ?? attribute(field, 'inputMode')).toBe('numeric');
    expect(attribute(field, 'autocomplete')).toBe('off');
    expect(attribute(field, 'value') ?? '').toBe('');
    expect(attribute(input(html, 'formToken'), 'value')).toBe('token-follow-up-1');
    expectErrorBeside(html, 'field-receiptCode', error);
    expect(decode(html)).toContain(t('report.followUp.sameAnswer'));
  });

  it('shows the reporter their case: status, dates, conversation as text, files, and what they wrote', () => {
    const html = render(<InboxPage {...inboxModel(lang, { notice: 'sent' })} />);
    const text = decode(html);
    expect(text).toContain(t('report.status.in_follow_up'));
    expect(text).toContain(t('report.inbox.sent'));
    expect(text).toContain(formatDay(lang, '2025-03-10'));
    expect(text).toContain(formatDay(lang, '2025-06-10'));
    expect(text).toContain(t('report.inbox.fromHandler'));
    expect(text).toContain(t('report.inbox.fromYou'));
    expect(html).toMatch(/class="ib-text ib-message__body">Dank u\.\nOver welke facturen gaat het\?</);
    expect(html).not.toContain('<i>facturen</i>');
    expect(text).toContain('De <i>facturen</i> van maart.');
    expect(html).toMatch(/class="ib-text">Eerste regel\nTweede regel</);
    const suffix = lang === 'nl' ? '' : `?lang=${lang}`;
    expect(html).toContain(`href="/report/inbox/files/11111111-2222-3333-4444-555555555555${suffix}"`);
    expect(html).toContain(`href="/report/inbox/files/66666666-7777-8888-9999-000000000000${suffix}"`);
    expect(text).toContain(t('report.inbox.meetingAsked'));
    expect(text).toContain(t('report.role.manager'));
    expect(text).toContain(t('report.inbox.signOutAdvice'));
  });

  it('gives the reply and the sign-out their own forms and tokens, sign-out last', () => {
    const html = render(<InboxPage {...inboxModel(lang, { heldFiles: [heldFile], draft: { id: 'draft-2', key: 'q'.repeat(43) }, values: { body: 'Nog één ding:\n"de bon"' }, errors: { body: t('form.tooLong', { max: 20_000 }) } })} />);
    const tokens = [...html.matchAll(/name="formToken" value="([^"]+)"/g)].map((m) => m[1]);
    expect(tokens).toEqual(['token-reply-1', 'token-sign-out-1']);
    const suffix = lang === 'nl' ? '' : `?lang=${lang}`;
    expect(html).toMatch(new RegExp(`<form[^>]*action="/report/inbox/reply${escapeForPattern(suffix)}"[^>]*enctype="multipart/form-data"`));
    expect(html).toContain(`action="/report/inbox/sign-out${suffix}"`);
    expect(textareaContent(html, 'body')).toBe('Nog één ding:\n"de bon"');
    expectErrorBeside(html, 'field-body', t('form.tooLong', { max: 20_000 }));
    expect(hasFlag(input(html, 'keepFile', heldFile.id), 'checked')).toBe(true);
    expect(attribute(input(html, 'draftId'), 'value')).toBe('draft-2');
  });

  it('names a status it does not know as being handled', () => {
    const html = render(<InboxPage {...inboxModel(lang, { view: { ...caseView, status: 'something_new', messages: [] } })} />);
    expect(decode(html)).toContain(t('report.status.unknown'));
    expect(decode(html)).toContain(t('report.inbox.noMessages'));
  });
});

describe('the reporter layout', () => {
  it('switches language on the page itself, and back to the inbox from a reply that came back', () => {
    const html = render(<InboxPage {...inboxModel('en', { ctx: reporterContext('en', '/report/inbox/reply') })} />);
    expect(html).toContain('href="/report/inbox?lang=fr"');
    expect(html).not.toContain('href="/report/inbox/reply?lang=fr"');
  });

  it('has no back-office navigation, no CSRF token and no sign-in', () => {
    for (const [, page] of allPages('nl')) {
      const html = render(page);
      expect(html).not.toContain('_csrf');
      expect(html).not.toMatch(/href="\/(admin|account|handling|sign-in)/);
    }
  });
});

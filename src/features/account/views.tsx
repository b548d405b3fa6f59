/** Pages for signing in, the second step, two-factor enrolment, recovery codes, password and the account overview. */
import type { FieldErrors, FormValues } from '../../platform/http/forms.ts';
import type { MessageKey } from '../../platform/i18n/catalog.ts';
import type { ViewContext } from '../../ui/context.ts';
import { Form, PageHeading, TextField } from '../../ui/form.tsx';
import { Layout } from '../../ui/layout.tsx';
import type { AccountOffers } from './policy.ts';

export function Notice({ ctx, messageKey }: { ctx: ViewContext; messageKey: MessageKey | undefined }) {
  if (!messageKey) return null;
  return (
    <div class="utrecht-alert utrecht-alert--info" role="status">
      <p class="utrecht-paragraph">{ctx.t(messageKey)}</p>
    </div>
  );
}

interface SignInProps {
  ctx: ViewContext;
  next: string;
  values?: FormValues;
  errors?: FieldErrors;
  notice?: MessageKey | undefined;
  oidcEnabled: boolean;
}

export function SignInPage({ ctx, next, values, errors, notice, oidcEnabled }: SignInProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('signIn.title')}>
      <PageHeading title={t('signIn.title')} intro={t('signIn.intro')} />
      <Notice ctx={ctx} messageKey={notice} />
      <Form ctx={ctx} action={`/sign-in?next=${encodeURIComponent(next)}`} submitLabel={t('signIn.submit')} errors={errors}>
        <TextField name="email" type="email" label={t('signIn.email')} values={values} errors={errors} autocomplete="username" />
        <TextField name="password" type="password" label={t('signIn.password')} errors={errors} autocomplete="current-password" />
      </Form>
      {oidcEnabled ? (
        <>
          <p class="utrecht-paragraph">{t('signIn.or')}</p>
          <form method="post" action={`/sign-in/oidc?next=${encodeURIComponent(next)}`}>
            <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
            <button type="submit" class="utrecht-button utrecht-button--secondary-action">
              {t('signIn.oidc')}
            </button>
          </form>
        </>
      ) : null}
    </Layout>
  );
}

export function SecondFactorPage({ ctx, next, errors }: { ctx: ViewContext; next: string; errors?: FieldErrors }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('twoFactor.title')}>
      <PageHeading title={t('twoFactor.title')} intro={t('twoFactor.intro')} />
      <Form ctx={ctx} action={`/sign-in/two-factor?next=${encodeURIComponent(next)}`} submitLabel={t('twoFactor.submit')} errors={errors}>
        <TextField name="code" label={t('twoFactor.code')} errors={errors} autocomplete="one-time-code" inputMode="text" maxLength={20} />
      </Form>
    </Layout>
  );
}

export function EnrolPage({ ctx, secret, qrSvg, errors }: { ctx: ViewContext; secret: string; qrSvg: string; errors?: FieldErrors }) {
  const { t } = ctx;
  const groupedSecret = secret.match(/.{1,4}/g)?.join(' ') ?? secret;
  return (
    <Layout ctx={ctx} title={t('enrol.title')}>
      <PageHeading title={t('enrol.title')} intro={t('enrol.intro')} />
      <figure class="ib-qr" role="img" aria-label={t('enrol.qrLabel')}>
        {/* The SVG comes from the qrcode library, not from user input. */}
        <div class="ib-qr__image" aria-hidden="true" dangerouslySetInnerHTML={{ __html: qrSvg }} />
      </figure>
      <p class="utrecht-paragraph">
        {t('enrol.secret')} <code class="ib-secret">{groupedSecret}</code>
      </p>
      <Form ctx={ctx} action="/account/two-factor" submitLabel={t('enrol.submit')} errors={errors}>
        <TextField name="code" label={t('enrol.code')} errors={errors} autocomplete="one-time-code" inputMode="numeric" maxLength={10} />
      </Form>
    </Layout>
  );
}

export function RecoveryCodesPage({ ctx, codes }: { ctx: ViewContext; codes: string[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('recovery.title')}>
      <PageHeading title={t('recovery.title')} intro={t('recovery.intro')} />
      <ul class="ib-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p class="utrecht-paragraph">
        <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="/">
          {t('recovery.continue')}
        </a>
      </p>
    </Layout>
  );
}

export function PasswordPage({ ctx, mustChange, errors }: { ctx: ViewContext; mustChange: boolean; errors?: FieldErrors }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('password.title')}>
      <PageHeading title={t('password.title')} intro={mustChange ? t('password.mustChange') : undefined} />
      <Form ctx={ctx} action="/account/password" submitLabel={t('password.submit')} errors={errors}>
        <TextField name="current" type="password" label={t('password.current')} errors={errors} autocomplete="current-password" />
        <TextField
          name="password"
          type="password"
          label={t('password.new')}
          description={t('setup.passwordHelp')}
          errors={errors}
          autocomplete="new-password"
        />
        <TextField name="passwordRepeat" type="password" label={t('password.repeat')} errors={errors} autocomplete="new-password" />
      </Form>
    </Layout>
  );
}

interface AccountProps {
  ctx: ViewContext;
  totpEnabled: boolean;
  /** What the account policy lets this page offer (policy.ts accountOffers). */
  offers: AccountOffers;
  unusedCodes: number;
  notice?: MessageKey | undefined;
}

export function AccountPage({ ctx, totpEnabled, offers, unusedCodes, notice }: AccountProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('account.title')}>
      <PageHeading title={t('account.title')} />
      <Notice ctx={ctx} messageKey={notice} />
      <section aria-labelledby="security-heading">
        <h2 class="utrecht-heading-2" id="security-heading">
          {t('account.security')}
        </h2>
        <p class="utrecht-paragraph">{totpEnabled ? t('account.twoFactorOn', { count: unusedCodes }) : t('account.twoFactorOff')}</p>
        {offers.renewRecoveryCodes ? (
          <Form ctx={ctx} action="/account/recovery-codes" submitLabel={t('account.renewCodes')}>
            <p class="utrecht-paragraph">{t('account.renewCodesHelp')}</p>
          </Form>
        ) : null}
        {offers.enableTwoFactor ? (
          <p class="utrecht-paragraph">
            <a class="utrecht-link" href="/account/two-factor">
              {t('account.enableTwoFactor')}
            </a>
          </p>
        ) : null}
        {offers.changePassword ? (
          <p class="utrecht-paragraph">
            <a class="utrecht-link" href="/account/password">
              {t('account.changePassword')}
            </a>
          </p>
        ) : null}
        <Form ctx={ctx} action="/account/sign-out-everywhere" submitLabel={t('account.signOutEverywhere')} danger>
          <p class="utrecht-paragraph">{t('account.signOutEverywhereHelp')}</p>
        </Form>
      </section>
    </Layout>
  );
}

/** The "are you sure?" page before anything destructive: what will happen, a button that does it, and a way back. */
import type { ViewContext } from '../../../ui/context.ts';
import { Form } from '../../../ui/form.tsx';
import { AdminPage, BackLink, type AdminSection } from './admin-page.tsx';

interface ConfirmPageProps {
  ctx: ViewContext;
  section: AdminSection;
  title: string;
  body: string;
  action: string;
  submitLabel: string;
  cancelHref: string;
}

export function ConfirmPage({ ctx, section, title, body, action, submitLabel, cancelHref }: ConfirmPageProps) {
  return (
    <AdminPage ctx={ctx} section={section} title={title}>
      <p class="utrecht-paragraph">{body}</p>
      <Form ctx={ctx} action={action} submitLabel={submitLabel} danger>
        {null}
      </Form>
      <BackLink href={cancelHref} label={ctx.t('form.cancel')} />
    </AdminPage>
  );
}

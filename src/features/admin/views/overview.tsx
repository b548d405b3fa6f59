/** The back office's start page: the sections with their counts. */
import type { MessageKey } from '../../../platform/i18n/catalog.ts';
import type { ViewContext } from '../../../ui/context.ts';
import type { AdminCounts } from '../queries.ts';
import { AdminPage } from './admin-page.tsx';

/** The reporting point's settings have no count worth showing; they are listed by name. */
const reportingLinks: { href: string; label: MessageKey; description: MessageKey }[] = [
  { href: '/admin/routing', label: 'admin.nav.routing', description: 'admin.overview.routingHelp' },
  { href: '/admin/reporting', label: 'admin.nav.landing', description: 'admin.overview.landingHelp' },
  { href: '/admin/taxonomy', label: 'admin.nav.taxonomy', description: 'admin.overview.taxonomyHelp' },
];

export function OverviewPage({ ctx, counts }: { ctx: ViewContext; counts: AdminCounts }) {
  const { t } = ctx;
  const tiles: { href: string; count: number; label: MessageKey; description: MessageKey }[] = [
    { href: '/admin/users', count: counts.activeUsers, label: 'admin.overview.activeUsers', description: 'admin.overview.usersHelp' },
    { href: '/admin/users', count: counts.disabledUsers, label: 'admin.overview.disabledUsers', description: 'admin.overview.disabledHelp' },
    { href: '/admin/entities', count: counts.entities, label: 'admin.overview.entities', description: 'admin.overview.entitiesHelp' },
    { href: '/admin/handler-functions', count: counts.handlerFunctions, label: 'admin.overview.handlerFunctions', description: 'admin.overview.handlerFunctionsHelp' },
    { href: '/admin/audit', count: counts.auditEvents, label: 'admin.overview.auditEvents', description: 'admin.overview.auditHelp' },
  ];
  return (
    <AdminPage ctx={ctx} section="overview" title={t('admin.title')} intro={t('admin.intro')}>
      <ul class="ib-counts">
        {tiles.map((tile) => (
          <li key={tile.label}>
            <a class="utrecht-link" href={tile.href}>
              <span class="ib-counts__number">{tile.count}</span> {t(tile.label, { count: tile.count })}
            </a>
            <p class="utrecht-paragraph">{t(tile.description)}</p>
          </li>
        ))}
      </ul>
      <h2 class="utrecht-heading-2">{t('admin.overview.reportingPoint')}</h2>
      <ul class="ib-counts">
        {reportingLinks.map((link) => (
          <li key={link.href}>
            <a class="utrecht-link" href={link.href}>
              {t(link.label)}
            </a>
            <p class="utrecht-paragraph">{t(link.description)}</p>
          </li>
        ))}
      </ul>
    </AdminPage>
  );
}

import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../routing/Link.tsx';
import { paths, useRoute } from '../routing/router.ts';

const ITEMS = [
  { key: 'scenarios', route: ['workspace', 'editor'], to: paths.workspace },
  { key: 'simulator', route: ['simulator'], to: paths.simulator },
  { key: 'channels', route: ['channels'], to: paths.channels },
  { key: 'settings', route: ['settings'], to: paths.settings },
] as const;

/** The workspace's screens: its scenarios, the demo simulator and the LINE channel settings. */
export const WorkspaceNav = memo(function WorkspaceNav({ ws }: { ws: string }) {
  const { t } = useTranslation();
  const route = useRoute();
  return (
    <nav className="workspace-nav" aria-label={t('nav.label')}>
      {ITEMS.map((item) => {
        const current = (item.route as readonly string[]).includes(route.name);
        return (
          <Link key={item.key} to={item.to(ws)} className={current ? 'current' : undefined} aria-current={current ? 'page' : undefined} data-testid={`nav-${item.key}`}>
            {item.key === 'settings' ? t('timing.settings.nav') : t(`nav.${item.key}`)}
          </Link>
        );
      })}
    </nav>
  );
});

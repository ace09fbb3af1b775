import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { accountPaths } from '../accounts/paths.ts';
import { Link } from '../routing/Link.tsx';
import { paths, useRoute } from '../routing/router.ts';

const ITEMS = [
  { key: 'scenarios', route: ['workspace', 'editor'], to: paths.workspace },
  { key: 'friends', route: ['friends', 'friend'], to: paths.friends, label: 'cat.nav.friends' },
  { key: 'segments', route: ['segments'], to: paths.segments, label: 'seg.title' },
  { key: 'tags', route: ['tags'], to: paths.tags, label: 'cat.nav.tags' },
  { key: 'fields', route: ['fields'], to: paths.fields, label: 'cat.nav.fields' },
  { key: 'links', route: ['links'], to: paths.links, label: 'cat.nav.links' },
  { key: 'templates', route: ['templates'], to: paths.templates, label: 'tpl.nav' },
  { key: 'simulator', route: ['simulator'], to: paths.simulator },
  { key: 'inflowRoutes', route: ['inflowRoutes'], to: paths.inflowRoutes },
  { key: 'channels', route: ['channels'], to: paths.channels },
  { key: 'settings', route: ['settings'], to: paths.settings, label: 'timing.settings.nav' },
  { key: 'members', route: ['members'], to: accountPaths.members, label: 'acct.nav.members' },
  { key: 'tokens', route: ['tokens'], to: accountPaths.tokens, label: 'acct.nav.tokens' },
  { key: 'audit', route: ['audit'], to: accountPaths.audit, label: 'acct.nav.audit' },
] as const;

/** The workspace's screens: scenarios, friends, the catalogue (tags, fields, links), the simulator, LINE. */
export const WorkspaceNav = memo(function WorkspaceNav({ ws }: { ws: string }) {
  const { t } = useTranslation();
  const route = useRoute();
  return (
    <nav className="workspace-nav" aria-label={t('nav.label')}>
      {ITEMS.map((item) => {
        const current = (item.route as readonly string[]).includes(route.name);
        return (
          <Link key={item.key} to={item.to(ws)} className={current ? 'current' : undefined} aria-current={current ? 'page' : undefined} data-testid={`nav-${item.key}`}>
            {'label' in item ? t(item.label) : t(`nav.${item.key}`)}
          </Link>
        );
      })}
    </nav>
  );
});

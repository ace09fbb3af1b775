import { useTranslation } from 'react-i18next';
import { Link } from '../routing/Link.tsx';
import { paths } from '../routing/router.ts';
import { AccountMenu } from '../accounts/AccountMenu.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { WorkspaceNav } from './WorkspaceNav.tsx';
import { WorkspaceSwitcher } from './WorkspaceSwitcher.tsx';

export function Header({ ws }: { ws: string | undefined }) {
  const { t } = useTranslation();
  return (
    <header className="app-header" data-testid="app-header">
      {/* The product name stays in Japanese: it is the brand, and e2e smoke checks it. */}
      <h1 className="brand">
        <Link to={ws ? paths.workspace(ws) : paths.home()} title={t('app.title')}>
          シナリオビルダー
        </Link>
      </h1>
      <WorkspaceSwitcher current={ws} />
      {ws && <WorkspaceNav ws={ws} />}
      <div className="spacer" />
      <LanguageSwitch />
      <AccountMenu />
    </header>
  );
}

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../routing/Link.tsx';
import { navigate } from '../routing/router.ts';
import { LanguageSwitch } from '../shell/LanguageSwitch.tsx';
import { accountsApi } from './api.ts';
import { PasswordDialog } from './PasswordDialog.tsx';
import { accountPaths } from './paths.ts';
import { signedOut, useMe } from './session.ts';

/** The person's menu in the header: who they are, password, language, outbox (operator), log-out. */
export function AccountMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const [open, setOpen] = useState(false);
  const [changing, setChanging] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return undefined;
    const close = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  if (!me) return null;
  const leave = async (everywhere: boolean) => {
    if (everywhere && !window.confirm(t('acct.menu.logoutEverywhereConfirm'))) return;
    await (everywhere ? accountsApi.logoutEverywhere() : accountsApi.logout()).catch(() => undefined);
    signedOut();
    navigate(accountPaths.login(), { replace: true });
  };

  return (
    <div className="account-menu" ref={box}>
      <button type="button" onClick={() => setOpen((o) => !o)} aria-expanded={open} aria-haspopup="menu" data-testid="account-menu">
        {me.user.name} ▾
      </button>
      {open && (
        <div className="popover account-popover" role="menu" data-testid="account-popover">
          <p className="muted" data-testid="account-email">{t('acct.menu.signedInAs', { email: me.user.email })}</p>
          <button type="button" role="menuitem" onClick={() => { setChanging(true); setOpen(false); }} data-testid="account-password">{t('acct.menu.changePassword')}</button>
          <LanguageSwitch testId="account-language" />
          {me.user.isOperator && (
            <Link to={accountPaths.outbox()} role="menuitem" onClick={() => setOpen(false)} data-testid="account-outbox">{t('acct.menu.outbox')}</Link>
          )}
          <button type="button" role="menuitem" onClick={() => void leave(false)} data-testid="account-logout">{t('acct.menu.logout')}</button>
          <button type="button" role="menuitem" onClick={() => void leave(true)} data-testid="account-logout-everywhere">{t('acct.menu.logoutEverywhere')}</button>
        </div>
      )}
      {changing && <PasswordDialog onClose={() => setChanging(false)} />}
    </div>
  );
}

import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate, paths, type Route } from '../routing/router.ts';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';
import { ForgotPasswordPage } from './ForgotPasswordPage.tsx';
import { here, queryParam, safeNext } from './formState.ts';
import { InvitePage } from './InvitePage.tsx';
import { LoginPage } from './LoginPage.tsx';
import { accountPaths } from './paths.ts';
import { ResetPasswordPage } from './ResetPasswordPage.tsx';
import { loadSession, useSession } from './session.ts';
import { SetupPage } from './SetupPage.tsx';

const PUBLIC = new Set<Route['name']>(['setup', 'login', 'forgotPassword', 'resetPassword', 'invite']);

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

/**
 * Decides what a visit sees: the owner set-up on an empty installation, log-in when signed out
 * (remembering where the person was, so log-in returns there), else the app itself.
 */
export function AuthGate({ route, children }: { route: Route; children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  useEffect(() => {
    void loadSession();
  }, []);

  if (session.status === 'loading') return <p className="page muted">{t('app.loading')}</p>;
  if (session.status === 'error') return <div className="page"><ErrorMessage error={session.error} onRetry={() => void loadSession()} /></div>;
  if (session.status === 'needsOwner') return route.name === 'setup' ? <SetupPage /> : <Redirect to={accountPaths.setup()} />;
  if (route.name === 'setup') return <Redirect to={session.status === 'signedIn' ? paths.home() : accountPaths.login()} />;
  if (route.name === 'login') return session.status === 'signedIn' ? <Redirect to={safeNext(queryParam('next'))} /> : <LoginPage expired={session.expired} />;
  if (route.name === 'forgotPassword') return <ForgotPasswordPage />;
  if (route.name === 'resetPassword') return <ResetPasswordPage />;
  if (route.name === 'invite') return <InvitePage />;
  if (session.status === 'signedOut') return <Redirect to={accountPaths.login(here())} />;
  return PUBLIC.has(route.name) ? null : <>{children}</>;
}

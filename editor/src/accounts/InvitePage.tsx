import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvitationPreview, Me } from '@lsb/shared/api';
import { useResource } from '../api/useResource.ts';
import { Link } from '../routing/Link.tsx';
import { navigate, paths } from '../routing/router.ts';
import { accountsApi } from './api.ts';
import { AuthLayout, FormError } from './AuthLayout.tsx';
import { here, queryParam, useSubmit } from './formState.ts';
import { NewPasswordFields, useNewPassword } from './NewPasswordFields.tsx';
import { accountPaths } from './paths.ts';
import { adoptSession, signedOut, useMe } from './session.ts';
import { useAccountErrorText } from './useAccountErrorText.ts';

/** The page an invitation mail links to (`/invite?token=…`): join with a new account, or log in and join. */
export function InvitePage() {
  const { t } = useTranslation();
  const errorText = useAccountErrorText();
  const [token] = useState(() => queryParam('token') ?? '');
  const preview = useResource(`invite/${token}`, () => accountsApi.previewInvitation(token));

  return (
    <AuthLayout title={t('acct.invite.title')} testId="invite-page">
      {preview.error !== undefined && <FormError text={errorText(preview.error)} />}
      {!preview.data && preview.error === undefined && <p className="muted">{t('app.loading')}</p>}
      {preview.data && <Invitation token={token} preview={preview.data} />}
    </AuthLayout>
  );
}

function Invitation({ token, preview }: { token: string; preview: InvitationPreview }) {
  const { t } = useTranslation();
  const me = useMe();
  const role = t(`acct.roles.${preview.role}`);
  const signedInAsInvited = me?.user.email.toLowerCase() === preview.email.toLowerCase();
  return (
    <>
      <p data-testid="invite-lead">
        {t('acct.invite.lead', { inviter: preview.invitedByName, organization: preview.organizationName, workspace: preview.workspaceName, role })}
      </p>
      <p className="muted" data-testid="invite-email">{t('acct.invite.forEmail', { email: preview.email })}</p>
      {!preview.accountExists && <NewAccountForm token={token} preview={preview} />}
      {preview.accountExists && signedInAsInvited && <AcceptButton token={token} preview={preview} />}
      {preview.accountExists && !me && (
        <>
          <p className="notice">{t('acct.invite.loginFirst')}</p>
          <Link to={accountPaths.login(here())} className="button primary" data-testid="invite-login">{t('acct.invite.loginToAccept')}</Link>
        </>
      )}
      {preview.accountExists && me && !signedInAsInvited && <WrongAccount email={me.user.email} />}
    </>
  );
}

/** Where a new member lands: the workspace they were invited to. */
function goToWorkspace(me: Me, preview: InvitationPreview): void {
  const target = me.workspaces.find((w) => w.name === preview.workspaceName) ?? me.workspaces.find((w) => w.id === me.current.workspaceId);
  navigate(target ? paths.workspace(target.id) : paths.home(), { replace: true });
}

function NewAccountForm({ token, preview }: { token: string; preview: InvitationPreview }) {
  const { t } = useTranslation();
  const errorText = useAccountErrorText();
  const [name, setName] = useState('');
  const newPassword = useNewPassword();
  const { busy, error, setError, run } = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = newPassword.problem();
    if (problem) return setError(t(problem));
    void run(async () => {
      const session = await accountsApi.acceptInvitation({ token, name: name.trim(), password: newPassword.password });
      adoptSession(session);
      goToWorkspace(session.me, preview);
    }, errorText);
  };
  return (
    <form className="auth-form" onSubmit={submit} noValidate>
      <label className="field">
        <span>{t('acct.name')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" required maxLength={100} data-testid="invite-name" />
      </label>
      <NewPasswordFields state={newPassword} label={t('acct.password')} testIdPrefix="invite" />
      <FormError text={error} />
      <button type="submit" className="primary" disabled={busy || !name.trim()} data-testid="invite-submit">{t('acct.invite.createAccount')}</button>
    </form>
  );
}

function AcceptButton({ token, preview }: { token: string; preview: InvitationPreview }) {
  const { t } = useTranslation();
  const errorText = useAccountErrorText();
  const { busy, error, run } = useSubmit();
  const accept = () => void run(async () => {
    const session = await accountsApi.acceptInvitation({ token });
    adoptSession(session);
    goToWorkspace(session.me, preview);
  }, errorText);
  return (
    <>
      <FormError text={error} />
      <button type="button" className="primary" onClick={accept} disabled={busy} data-testid="invite-accept">{t('acct.invite.accept')}</button>
    </>
  );
}

function WrongAccount({ email }: { email: string }) {
  const { t } = useTranslation();
  const next = here();
  const relogin = async () => {
    await accountsApi.logout().catch(() => undefined);
    signedOut();
    navigate(accountPaths.login(next));
  };
  return (
    <>
      <p className="notice">{t('acct.invite.wrongAccount', { email })}</p>
      <button type="button" onClick={() => void relogin()} data-testid="invite-relogin">{t('acct.invite.logoutAndLogin')}</button>
    </>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { WORKSPACE_ROLES, type Member, type WorkspaceRole } from '@lsb/shared/api';
import { accountsApi } from '../accounts/api.ts';
import { FormError } from '../accounts/AuthLayout.tsx';
import { useSubmit } from '../accounts/formState.ts';
import { refreshMe, useMe, useWorkspaceRole } from '../accounts/session.ts';
import { useAccountErrorText } from '../accounts/useAccountErrorText.ts';
import { usePermission } from '../accounts/usePermission.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';
import { Invitations } from './Invitations.tsx';

/** Who works in the workspace: invite by email with a role, change a role, remove (never the last owner). */
export function MembersPage({ ws }: { ws: string }) {
  const { t } = useTranslation();
  const members = useResource(`members/${ws}`, () => accountsApi.listMembers(ws));
  const invitations = useResource(`invitations/${ws}`, () => accountsApi.listInvitations(ws));
  const manage = usePermission(ws, 'manageMembers');

  return (
    <section className="page" data-testid="members-page">
      <h2>{t('acct.members.title')}</h2>
      <p className="muted">{t('acct.members.intro')}</p>
      {members.error !== undefined && <ErrorMessage error={members.error} onRetry={members.reload} />}
      <table className="data-table">
        <thead>
          <tr><th>{t('acct.name')}</th><th>{t('acct.email')}</th><th>{t('acct.members.role')}</th><th>{t('acct.members.joined')}</th><th /></tr>
        </thead>
        <tbody>
          {members.data?.map((m) => <MemberRow key={m.userId} ws={ws} member={m} onChanged={members.reload} />)}
        </tbody>
      </table>
      {!manage.allowed && <p className="muted role-reason" data-testid="members-readonly">{manage.reason}</p>}
      <InviteForm ws={ws} onInvited={invitations.reload} />
      <Invitations ws={ws} resource={invitations} />
    </section>
  );
}

/** The roles a person may hand out: only an owner makes owners. */
function useAssignableRoles(ws: string): readonly WorkspaceRole[] {
  const role = useWorkspaceRole(ws);
  return role === 'owner' ? WORKSPACE_ROLES : WORKSPACE_ROLES.filter((r) => r !== 'owner');
}

function MemberRow({ ws, member, onChanged }: { ws: string; member: Member; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const errorText = useAccountErrorText();
  const manage = usePermission(ws, 'manageMembers');
  const assignable = useAssignableRoles(ws);
  const { busy, error, run } = useSubmit();
  const isMe = me?.user.id === member.userId;
  const locked = !manage.allowed || member.inherited || (member.role === 'owner' && !assignable.includes('owner'));
  const reason = !manage.allowed ? manage.reason : member.inherited ? t('acct.errors.inherited_role') : undefined;
  const after = async () => {
    onChanged();
    if (isMe) await refreshMe();
  };
  const change = (role: WorkspaceRole) => void run(async () => {
    await accountsApi.changeRole(ws, member.userId, { role });
    await after();
  }, errorText);
  const remove = () => {
    if (!window.confirm(t('acct.members.removeConfirm', { name: member.name }))) return;
    void run(async () => {
      await accountsApi.removeMember(ws, member.userId);
      await after();
    }, errorText);
  };
  return (
    <tr data-testid="member-row" data-email={member.email}>
      <td>{member.name} {isMe && <span className="muted">{t('acct.members.you')}</span>}</td>
      <td>{member.email}</td>
      <td>
        <select value={member.role} disabled={locked || busy} title={reason} onChange={(e) => change(e.target.value as WorkspaceRole)} aria-label={t('acct.members.role')} data-testid="member-role">
          {WORKSPACE_ROLES.map((r) => <option key={r} value={r} disabled={!assignable.includes(r)}>{t(`acct.roles.${r}`)}</option>)}
        </select>
        {member.inherited && <span className="muted"> {t('acct.members.inherited')}</span>}
      </td>
      <td>{new Date(member.joinedAt).toLocaleDateString(i18n.language)}</td>
      <td>
        <button type="button" onClick={remove} disabled={locked || busy} title={reason} data-testid="member-remove">{t('acct.members.remove')}</button>
        <FormError text={error} />
      </td>
    </tr>
  );
}

function InviteForm({ ws, onInvited }: { ws: string; onInvited: () => void }) {
  const { t } = useTranslation();
  const errorText = useAccountErrorText();
  const manage = usePermission(ws, 'manageMembers');
  const assignable = useAssignableRoles(ws);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<WorkspaceRole>('editor');
  const [sent, setSent] = useState<string>();
  const { busy, error, run } = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const invitation = await accountsApi.invite(ws, { email: email.trim(), role });
      setSent(invitation.email);
      setEmail('');
      onInvited();
    }, errorText);
  };
  return (
    <form className="inline-form invite-form" onSubmit={submit} data-testid="invite-form">
      <h3>{t('acct.members.inviteTitle')}</h3>
      <fieldset disabled={!manage.allowed} title={manage.reason}>
        <label>
          {t('acct.email')}
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required data-testid="invite-email-input" />
        </label>
        <label>
          {t('acct.members.role')}
          <select value={role} onChange={(e) => setRole(e.target.value as WorkspaceRole)} data-testid="invite-role">
            {assignable.map((r) => <option key={r} value={r}>{t(`acct.roles.${r}`)}</option>)}
          </select>
        </label>
        <button type="submit" className="primary" disabled={busy || !email.trim()} data-testid="invite-send">{t('acct.members.invite')}</button>
      </fieldset>
      {sent && <p className="notice" data-testid="invite-sent">{t('acct.members.invited', { email: sent })}</p>}
      <FormError text={error} />
    </form>
  );
}

import { useTranslation } from 'react-i18next';
import type { Invitation } from '@lsb/shared/api';
import { accountsApi } from '../accounts/api.ts';
import { FormError } from '../accounts/AuthLayout.tsx';
import { useSubmit } from '../accounts/formState.ts';
import { useAccountErrorText } from '../accounts/useAccountErrorText.ts';
import { usePermission } from '../accounts/usePermission.ts';
import type { Resource } from '../api/useResource.ts';

/** Pending invitations, each withdrawable (its link then says it was withdrawn). */
export function Invitations({ ws, resource }: { ws: string; resource: Resource<Invitation[]> }) {
  const { t, i18n } = useTranslation();
  const errorText = useAccountErrorText();
  const manage = usePermission(ws, 'manageMembers');
  const { busy, error, run } = useSubmit();
  const pending = resource.data?.filter((i) => i.status === 'pending') ?? [];
  const revoke = (id: string) => void run(async () => {
    await accountsApi.revokeInvitation(ws, id);
    resource.reload();
  }, errorText);
  return (
    <div data-testid="invitations">
      <h3>{t('acct.members.pending')}</h3>
      {resource.data && pending.length === 0 && <p className="muted">{t('acct.members.none')}</p>}
      <ul className="plain-list">
        {pending.map((i) => (
          <li key={i.id} data-testid="invitation-row">
            <strong>{i.email}</strong> · {t(`acct.roles.${i.role}`)} · <span className="muted">{t('acct.members.expires', { date: new Date(i.expiresAt).toLocaleDateString(i18n.language) })}</span>{' '}
            <button type="button" onClick={() => revoke(i.id)} disabled={!manage.allowed || busy} title={manage.reason} data-testid="invitation-revoke">{t('acct.members.revoke')}</button>
          </li>
        ))}
      </ul>
      <FormError text={error} />
    </div>
  );
}

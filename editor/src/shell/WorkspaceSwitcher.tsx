import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { accountsApi } from '../accounts/api.ts';
import { setMe, useMe } from '../accounts/session.ts';
import { navigate, paths } from '../routing/router.ts';
import { CreateWorkspaceForm } from './CreateWorkspaceForm.tsx';

const CREATE = '__create__';

/**
 * Only the workspaces the person may open (from /api/auth/me), grouped by organization, so
 * switching organization and workspace is one choice. Creating one needs an organization owner or admin.
 */
export function WorkspaceSwitcher({ current }: { current: string | undefined }) {
  const { t } = useTranslation();
  const me = useMe();
  const [creating, setCreating] = useState(false);
  if (!me) return null;
  const canCreate = me.organizations.some((o) => o.role === 'owner' || o.role === 'admin');
  const groups = me.organizations
    .map((org) => ({ org, workspaces: me.workspaces.filter((w) => w.organizationId === org.id) }))
    .filter((g) => g.workspaces.length > 0);
  const choose = (id: string) => {
    navigate(paths.workspace(id));
    // Remembered on the server too, so another device opens where the person left off.
    accountsApi.switchTo({ workspaceId: id }).then(setMe, () => undefined);
  };
  return (
    <div className="workspace-switcher">
      <label>
        <span className="visually-hidden">{t('workspace.label')}</span>
        <select
          data-testid="workspace-switcher"
          aria-label={t('workspace.label')}
          value={current ?? ''}
          onChange={(e) => {
            if (e.target.value === CREATE) setCreating(true);
            else choose(e.target.value);
          }}
        >
          {!current && <option value="">{t('workspace.choose')}</option>}
          {groups.map(({ org, workspaces }) => (
            <optgroup key={org.id} label={t('acct.workspaceGroup', { organization: org.name })}>
              {workspaces.map((ws) => (
                <option key={ws.id} value={ws.id}>
                  {ws.name}
                </option>
              ))}
            </optgroup>
          ))}
          {canCreate && <option value={CREATE}>＋ {t('workspace.create')}</option>}
        </select>
      </label>
      {creating && (
        <div className="popover">
          <CreateWorkspaceForm onDone={() => setCreating(false)} />
        </div>
      )}
    </div>
  );
}

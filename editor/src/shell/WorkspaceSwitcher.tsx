import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { accountsApi } from '../accounts/api.ts';
import { setMe, useMe } from '../accounts/session.ts';
import { navigate, paths } from '../routing/router.ts';
import { CreateOrganizationForm } from './CreateOrganizationForm.tsx';
import { CreateWorkspaceForm } from './CreateWorkspaceForm.tsx';

const CREATE = '__create__';
const CREATE_ORG = '__create_org__';
/** Followed by an organization id: work in that organization and create its first workspace. */
const ADD_IN = '__add_in__:';

type Popover = { kind: 'workspace'; note?: string } | { kind: 'organization' } | null;

/**
 * Only the workspaces the person may open (from /api/auth/me), grouped by organization, so
 * switching organization and workspace is one choice. Creating one needs an organization owner or admin.
 */
export function WorkspaceSwitcher({ current }: { current: string | undefined }) {
  const { t } = useTranslation();
  const me = useMe();
  const [popover, setPopover] = useState<Popover>(null);
  if (!me) return null;
  const canCreate = me.organizations.some((o) => o.role === 'owner' || o.role === 'admin');
  // Every organization is listed, one without workspaces too, so a new one can be switched to.
  const groups = me.organizations.map((org) => ({ org, workspaces: me.workspaces.filter((w) => w.organizationId === org.id) }));
  const addIn = (organizationId: string) => {
    accountsApi.switchTo({ organizationId }).then(setMe, () => undefined).finally(() => setPopover({ kind: 'workspace' }));
  };
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
            const value = e.target.value;
            if (value === CREATE) setPopover({ kind: 'workspace' });
            else if (value === CREATE_ORG) setPopover({ kind: 'organization' });
            else if (value.startsWith(ADD_IN)) addIn(value.slice(ADD_IN.length));
            else choose(value);
          }}
        >
          {!current && <option value="">{t('workspace.choose')}</option>}
          {groups.map(({ org, workspaces }) => (
            <optgroup key={org.id} label={t('acct.workspaceGroup', { organization: org.name })} data-testid="workspace-group">
              {workspaces.length === 0 && (org.role === 'member'
                ? <option disabled value="">{t('org.noWorkspaces')}</option>
                : <option value={`${ADD_IN}${org.id}`} data-testid="organization-add-workspace">＋ {t('org.addWorkspace')}</option>)}
              {workspaces.map((ws) => (
                <option key={ws.id} value={ws.id}>
                  {ws.name}
                </option>
              ))}
            </optgroup>
          ))}
          {canCreate && <option value={CREATE}>＋ {t('workspace.create')}</option>}
          <option value={CREATE_ORG} data-testid="organization-create">＋ {t('org.create')}</option>
        </select>
      </label>
      {popover?.kind === 'workspace' && (
        <div className="popover">
          {popover.note && <p className="info-banner" role="status" data-testid="organization-created">{popover.note}</p>}
          <CreateWorkspaceForm onDone={() => setPopover(null)} />
        </div>
      )}
      {popover?.kind === 'organization' && (
        <div className="popover">
          <CreateOrganizationForm onCancel={() => setPopover(null)} onCreated={(name) => setPopover({ kind: 'workspace', note: t('org.created', { name }) })} />
        </div>
      )}
    </div>
  );
}

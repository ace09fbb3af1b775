import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate, paths } from '../routing/router.ts';
import { CreateWorkspaceForm } from './CreateWorkspaceForm.tsx';
import { useWorkspaces } from './workspaces.ts';

const CREATE = '__create__';

export function WorkspaceSwitcher({ current }: { current: string | undefined }) {
  const { t } = useTranslation();
  const { list } = useWorkspaces();
  const [creating, setCreating] = useState(false);
  if (!list) return null;
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
            else navigate(paths.workspace(e.target.value));
          }}
        >
          {!current && <option value="">{t('workspace.choose')}</option>}
          {list.map((ws) => (
            <option key={ws.id} value={ws.id}>
              {ws.name}
            </option>
          ))}
          <option value={CREATE}>＋ {t('workspace.create')}</option>
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

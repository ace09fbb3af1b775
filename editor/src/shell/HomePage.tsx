import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate, paths } from '../routing/router.ts';
import { CreateWorkspaceForm } from './CreateWorkspaceForm.tsx';
import { lastWorkspace, useWorkspaces } from './workspaces.ts';

/** `/` goes straight to the last workspace used, so a marketer lands on their scenarios. */
export function HomePage() {
  const { t } = useTranslation();
  const { list } = useWorkspaces();
  const target = list && (list.find((w) => w.id === lastWorkspace()) ?? list[0]);

  useEffect(() => {
    if (target) navigate(paths.workspace(target.id), { replace: true });
  }, [target]);

  if (!list) return <p className="muted">{t('app.loading')}</p>;
  if (target) return null;
  return (
    <section className="page narrow" data-testid="home-page">
      <p>{t('workspace.none')}</p>
      <CreateWorkspaceForm />
    </section>
  );
}

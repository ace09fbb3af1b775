import { useTranslation } from 'react-i18next';

export function EditorPage({ ws: _ws, scenarioId }: { ws: string; scenarioId: string }) {
  const { t } = useTranslation();
  return <p className="page" data-testid="editor-page" data-scenario-id={scenarioId}>{t('app.loading')}</p>;
}

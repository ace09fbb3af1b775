import { useTranslation } from 'react-i18next';
import { useFlow } from '../store/FlowStoreContext.tsx';
import { useErrorText } from '../shell/ErrorMessage.tsx';
import { useEditorEnv } from './EditorEnv.tsx';

/** Always visible: saved / saving / offline (retrying) / error / conflict with its way out. */
export function SaveStatus() {
  const { t } = useTranslation();
  const save = useFlow((s) => s.save);
  const { autosave } = useEditorEnv();
  const errorText = useErrorText();
  const retry = () => void autosave.flush().catch(() => undefined);
  return (
    <div className={`save-status save-${save.status}`} data-testid="save-status" data-status={save.status} role="status">
      <span title={save.error === undefined ? undefined : errorText(save.error)}>{t(`save.${save.status}`)}</span>
      {(save.status === 'offline' || save.status === 'error') && (
        <button type="button" onClick={retry} data-testid="save-retry">{t('errors.retry')}</button>
      )}
      {save.status === 'conflict' && (
        <span className="conflict-actions" data-testid="save-conflict">
          <button type="button" onClick={() => void autosave.keepMine().catch(() => undefined)} data-testid="conflict-keep-mine">{t('save.keepMine')}</button>
          <button type="button" onClick={() => void autosave.takeTheirs().catch(() => undefined)} data-testid="conflict-take-theirs">{t('save.takeTheirs')}</button>
        </span>
      )}
    </div>
  );
}

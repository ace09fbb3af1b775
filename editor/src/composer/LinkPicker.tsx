import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/ApiContext.tsx';
import { useEditorEnv } from '../editor/EditorEnv.tsx';
import { CataloguePicker } from '../inspector/controls.tsx';
import { useErrorText } from '../shell/ErrorMessage.tsx';
import { useFlowStoreApi } from '../store/FlowStoreContext.tsx';

const HTTP_URL = /^https?:\/\/\S+$/;

/**
 * Picks one of the workspace's tracked links, or creates one (name + destination URL) without
 * leaving the composer. `onPick` gets the link id; the caller decides what to insert.
 */
export function LinkPicker({ onPick, value = '', emptyLabel, testId = 'insert-link' }: {
  onPick: (linkId: string) => void;
  value?: string;
  emptyLabel?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const store = useFlowStoreApi();
  const api = useApi();
  const { ws } = useEditorEnv();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [url, setUrl] = useState('https://');
  const [error, setError] = useState<string>();
  const urlOk = HTTP_URL.test(url.trim());

  const create = async () => {
    try {
      const link = await api.createCatalogueItem(ws, 'links', { name: name.trim(), url: url.trim() });
      store.getState().setCatalogue(await api.getCatalogue(ws));
      onPick(link.id);
      setOpen(false);
      setName('');
      setUrl('https://');
      setError(undefined);
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <>
      <CataloguePicker kind="link" value={value} emptyLabel={emptyLabel ?? `＋ ${t('composer.insertLink')}`} onChange={(id) => id && onPick(id)} testId={testId} />
      <button type="button" onClick={() => setOpen(!open)} aria-expanded={open} data-testid={`${testId}-new`}>{t('composer.newLink')}</button>
      {open && (
        <div className="inline-form" data-testid={`${testId}-form`}>
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('composer.linkName')} aria-label={t('composer.linkName')} maxLength={100} data-testid={`${testId}-name`} />
          <input value={url} onChange={(e) => setUrl(e.target.value)} placeholder={t('composer.linkUrl')} aria-label={t('composer.linkUrl')} maxLength={1000} inputMode="url" data-testid={`${testId}-url`} className={urlOk ? undefined : 'invalid'} />
          <button type="button" onClick={() => void create()} disabled={!name.trim() || !urlOk} data-testid={`${testId}-create`}>{t('composer.createLink')}</button>
          <span className="form-hint">{urlOk ? t('composer.linkHint') : t('composer.linkUrlInvalid')}</span>
          {error && <div className="field-error" role="alert">{error}</div>}
        </div>
      )}
    </>
  );
}

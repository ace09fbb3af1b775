import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogueApi } from '../api/CatalogueApiContext.tsx';
import { useResource } from '../api/useResource.ts';
import { Dialog } from '../shell/Dialog.tsx';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';
import { UsageSummary } from './DeleteDialog.tsx';
import { useCatalogueErrorText } from './useCatalogueErrorText.ts';

/** Merge a tag into another: its friends get the other tag, drafts are rewritten, the tag goes. */
export function MergeDialog({ ws, tag, tags, onClose, onMerged }: {
  ws: string;
  tag: { id: string; name: string };
  tags: readonly { id: string; name: string }[];
  onClose: () => void;
  onMerged: () => void;
}) {
  const { t } = useTranslation();
  const api = useCatalogueApi();
  const errorText = useCatalogueErrorText();
  const usage = useResource(`tags/${tag.id}`, () => api.usage(ws, 'tags', tag.id));
  const [into, setInto] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const blocked = (usage.data?.published.length ?? 0) > 0;
  const target = tags.find((x) => x.id === into);

  const merge = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.mergeTag(ws, tag.id, into);
      onMerged();
    } catch (e) {
      setError(errorText(e, tag.name));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('cat.merge.title', { name: tag.name })} onClose={onClose} testId="merge-dialog">
      {usage.error !== undefined && <ErrorMessage error={usage.error} onRetry={usage.reload} />}
      {usage.data && <UsageSummary usage={usage.data} />}
      <label className="form-field">
        <span className="form-label">{t('cat.merge.into')}</span>
        <select value={into} onChange={(e) => setInto(e.target.value)} data-testid="merge-into">
          <option value="">{t('insp.choose')}</option>
          {tags.filter((x) => x.id !== tag.id).map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
        </select>
      </label>
      {target && !blocked && <p data-testid="merge-explain">{t('cat.merge.explain', { from: tag.name, into: target.name })}</p>}
      {blocked && <p className="field-error" role="alert" data-testid="merge-blocked">{t('cat.merge.blocked')}</p>}
      {error && <p className="field-error" role="alert">{error}</p>}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>{t('scenarios.cancel')}</button>
        <button type="button" className="primary" disabled={!into || busy || blocked || !usage.data} onClick={() => void merge()} data-testid="merge-submit">
          {t('cat.merge.submit')}
        </button>
      </div>
    </Dialog>
  );
}

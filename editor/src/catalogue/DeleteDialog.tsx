import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogueUsage, UsageKind } from '../api/CatalogueApi.ts';
import { useCatalogueApi } from '../api/CatalogueApiContext.tsx';
import { useResource } from '../api/useResource.ts';
import { Dialog } from '../shell/Dialog.tsx';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';
import { useCatalogueErrorText } from './useCatalogueErrorText.ts';

/** Who uses it, in numbers and scenario names. */
export function UsageSummary({ usage }: { usage: CatalogueUsage }) {
  const { t } = useTranslation();
  const names = (list: { name: string }[]) => list.map((s) => `「${s.name}」`).join('');
  return (
    <ul className="usage" data-testid="usage" data-friends={usage.friends} data-drafts={usage.drafts.length} data-published={usage.published.length}>
      <li>{t('cat.usage.friends', { count: usage.friends })}</li>
      <li>{t('cat.usage.drafts', { count: usage.drafts.length })}{usage.drafts.length > 0 && ` ${names(usage.drafts)}`}</li>
      <li>{t('cat.usage.published', { count: usage.published.length })}{usage.published.length > 0 && ` ${names(usage.published)}`}</li>
    </ul>
  );
}

/**
 * Deleting a tag, field or link: first the counts. Unused goes at once; used needs a tick that says
 * what will happen; used by a published scenario is refused with the reason (those versions are
 * immutable and may still act on it).
 */
export function DeleteDialog({ ws, kind, id, name, onClose, onDeleted }: {
  ws: string;
  kind: UsageKind;
  id: string;
  name: string;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const api = useCatalogueApi();
  const errorText = useCatalogueErrorText();
  const usage = useResource(`${kind}/${id}`, () => api.usage(ws, kind, id));
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const u = usage.data;
  const unused = u && u.friends === 0 && u.drafts.length === 0 && u.published.length === 0;
  const blocked = u && u.published.length > 0;

  const remove = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const del = kind === 'tags' ? api.deleteTag : kind === 'fields' ? api.deleteField : api.deleteLink;
      await del(ws, id, !unused);
      onDeleted();
    } catch (e) {
      setError(errorText(e, name));
      usage.reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t(`cat.delete.title.${kind}`, { name })} onClose={onClose} testId="delete-dialog">
      {usage.error !== undefined && <ErrorMessage error={usage.error} onRetry={usage.reload} />}
      {!u && usage.error === undefined && <p className="muted">{t('app.loading')}</p>}
      {u && <UsageSummary usage={u} />}
      {unused && <p data-testid="delete-unused">{t('cat.delete.unused')}</p>}
      {blocked && <p className="field-error" role="alert" data-testid="delete-blocked">{t(`cat.delete.blocked.${kind}`)}</p>}
      {u && !unused && !blocked && (
        <label className="checkbox" data-testid="delete-confirm-label">
          <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} data-testid="delete-confirm" />
          {t(`cat.delete.confirm.${kind}`)}
        </label>
      )}
      {error && <p className="field-error" role="alert" data-testid="delete-error">{error}</p>}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>{t('scenarios.cancel')}</button>
        <button type="button" className="danger" disabled={!u || busy || blocked || (!unused && !confirmed)} onClick={() => void remove()} data-testid="delete-submit">
          {t('cat.delete.submit')}
        </button>
      </div>
    </Dialog>
  );
}

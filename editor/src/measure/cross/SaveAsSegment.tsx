import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermission } from '../../accounts/usePermission.ts';
import type { Condition } from '../../flow/language.ts';
import { useSegmentsApi } from '../../segments/SegmentsApi.ts';
import { ErrorMessage } from '../../shell/ErrorMessage.tsx';

/** 「セグメントとして保存」: the friends page's current condition under a name. */
export function SaveAsSegment({ ws, condition, suggestedName, onSaved }: { ws: string; condition: Condition; suggestedName: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const api = useSegmentsApi();
  const edit = usePermission(ws, 'edit');
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(suggestedName.slice(0, 100));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState<string>();

  const save = () => {
    if (!name.trim()) return;
    setBusy(true);
    setError(undefined);
    api.createSegment(ws, { name: name.trim(), condition }).then((segment) => {
      setSaved(segment.name);
      setOpen(false);
      onSaved();
    }, setError).finally(() => setBusy(false));
  };

  return (
    <div className="row" style={{ gap: 8, alignItems: 'center', flexWrap: 'wrap' }} data-testid="save-as-segment">
      {!open && (
        <button type="button" onClick={() => { setOpen(true); setSaved(undefined); }} disabled={!edit.allowed} title={edit.reason} data-testid="save-segment-open">
          {t('measure.friendsFilter.saveSegment')}
        </button>
      )}
      {open && (
        <>
          <label>{t('measure.friendsFilter.segmentName')}{' '}
            <input value={name} maxLength={100} onChange={(e) => setName(e.target.value)} data-testid="save-segment-name" />
          </label>
          <button type="button" className="primary" onClick={save} disabled={busy || !name.trim()} data-testid="save-segment-submit">{t('seg.save')}</button>
          <button type="button" onClick={() => setOpen(false)}>{t('measure.conv.cancel')}</button>
        </>
      )}
      {saved && <span role="status" data-testid="save-segment-done">{t('measure.friendsFilter.savedSegment', { name: saved })}</span>}
      {error !== undefined && <ErrorMessage error={error} />}
    </div>
  );
}

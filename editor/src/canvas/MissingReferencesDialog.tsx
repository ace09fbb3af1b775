import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/ApiContext.tsx';
import { useEditorEnv } from '../editor/EditorEnv.tsx';
import { Dialog } from '../shell/Dialog.tsx';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';
import { useFlowStoreApi } from '../store/FlowStoreContext.tsx';
import { CREATABLE, resolveAndPaste, type PendingPaste, type Resolution } from './clipboardActions.ts';

/**
 * A pasted flow names tags, fields, … this workspace lacks (copied from another account). Per
 * reference: use the same-named one here, create it, or leave it (the validator marks the node).
 */
export function MissingReferencesDialog({ pending, onClose }: { pending: PendingPaste; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { ws } = useEditorEnv();
  const store = useFlowStoreApi();
  const [choices, setChoices] = useState(() => new Map<string, Resolution>(pending.missing.map((r) => [`${r.kind}:${r.id}`, defaultChoice(r)])));
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    try {
      await resolveAndPaste(store, api, ws, pending, choices);
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('paste.missingTitle')} onClose={onClose} testId="missing-references-dialog" wide>
      <p>{t('paste.missingHint', { count: pending.missing.length })}</p>
      <table className="plain-table">
        <tbody>
          {pending.missing.map((ref) => {
            const key = `${ref.kind}:${ref.id}`;
            const canCreate = Boolean(CREATABLE[ref.kind] && ref.name);
            return (
              <tr key={key} data-testid="missing-reference" data-kind={ref.kind}>
                <td>{t(`refKind.${ref.kind}`)}</td>
                <td><strong>{ref.name ?? ref.id}</strong></td>
                <td>
                  <select
                    value={choices.get(key)}
                    onChange={(e) => setChoices(new Map(choices).set(key, e.target.value as Resolution))}
                    aria-label={t('paste.resolution')}
                    data-testid="missing-reference-choice"
                  >
                    {ref.match && <option value="match">{t('paste.useExisting', { name: ref.match.name })}</option>}
                    {canCreate && <option value="create">{t('paste.create')}</option>}
                    <option value="leave">{t('paste.leave')}</option>
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {error !== undefined && <ErrorMessage error={error} />}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>{t('scenarios.cancel')}</button>
        <button type="button" className="primary" disabled={busy} onClick={() => void submit()} data-testid="missing-references-paste">{t('toolbar.paste')}</button>
      </div>
    </Dialog>
  );
}

function defaultChoice(ref: PendingPaste['missing'][number]): Resolution {
  if (ref.match) return 'match';
  if (CREATABLE[ref.kind] && ref.name) return 'create';
  return 'leave';
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../shell/Dialog.tsx';
import { useFlow, useFlowStoreApi } from '../store/FlowStoreContext.tsx';
import { pasteText, type PendingPaste } from './clipboardActions.ts';

/** For flows shared as text (chat, e-mail): paste JSON here; a refusal keeps the text for fixing. */
export function PasteJsonDialog({ onClose, onPendingPaste }: { onClose: () => void; onPendingPaste: (p: PendingPaste) => void }) {
  const { t } = useTranslation();
  const store = useFlowStoreApi();
  const [text, setText] = useState('');
  const notice = useFlow((s) => s.notice);
  const [tried, setTried] = useState(false);

  const submit = () => {
    setTried(true);
    store.getState().dismissNotice();
    const before = store.getState().graphVersion;
    const pending = pasteText(store, text);
    if (pending) {
      onPendingPaste(pending);
      onClose();
    } else if (store.getState().graphVersion !== before) {
      onClose();
    }
  };

  return (
    <Dialog title={t('paste.dialogTitle')} onClose={onClose} testId="paste-json-dialog" wide>
      <p className="muted">{t('paste.dialogHint')}</p>
      <textarea rows={14} className="code" value={text} onChange={(e) => setText(e.target.value)} data-testid="paste-json-input" spellCheck={false} />
      {tried && notice?.tone === 'error' && (
        <div className="error-banner" role="alert" data-testid="paste-json-error">{t(notice.key, notice.params ?? {})}</div>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>{t('scenarios.cancel')}</button>
        <button type="button" className="primary" onClick={submit} disabled={!text.trim()} data-testid="paste-json-submit">{t('toolbar.paste')}</button>
      </div>
    </Dialog>
  );
}

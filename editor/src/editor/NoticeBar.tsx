import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useFlow } from '../store/FlowStoreContext.tsx';

const INFO_MS = 6000;

/** One-line feedback for things that happened (pasted, refused paste, restored edits). */
export function NoticeBar() {
  const { t } = useTranslation();
  const notice = useFlow((s) => s.notice);
  const dismiss = useFlow((s) => s.dismissNotice);
  // Good news fades by itself; errors stay until read.
  useEffect(() => {
    if (notice?.tone !== 'info') return;
    const timer = setTimeout(dismiss, INFO_MS);
    return () => clearTimeout(timer);
  }, [notice, dismiss]);
  if (!notice) return null;
  return (
    <div className={notice.tone === 'error' ? 'notice error-banner' : 'notice info-banner'} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid="editor-notice" data-tone={notice.tone}>
      <span>{t(notice.key, notice.params ?? {})}</span>
      {notice.detail && (
        <details>
          <summary>{t('editor.details')}</summary>
          <pre>{notice.detail}</pre>
        </details>
      )}
      <button type="button" onClick={dismiss} data-testid="editor-notice-dismiss">{t('errors.dismiss')}</button>
    </div>
  );
}

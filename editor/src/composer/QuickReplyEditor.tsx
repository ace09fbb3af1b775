import { useTranslation } from 'react-i18next';
import { LINE_LIMITS, type QuickReply } from '@lsb/shared';
import { ActionsEditor } from './ActionsEditor.tsx';

/** Tappable chips shown under a message until the friend replies. */
export function QuickReplyEditor({ value, onChange }: { value: QuickReply | undefined; onChange: (q: QuickReply | undefined) => void }) {
  const { t } = useTranslation();
  if (!value) {
    return (
      <button type="button" className="link-button" onClick={() => onChange({ items: [{ type: 'action', action: { type: 'message', label: 'はい', text: 'はい' } }] })} data-testid="quick-reply-enable">
        ＋ {t('composer.addQuickReply')}
      </button>
    );
  }
  return (
    <div className="subsection">
      <div className="row">
        <strong className="small">{t('composer.quickReply')}</strong>
        <button type="button" className="link-button" onClick={() => onChange(undefined)}>{t('insp.remove')}</button>
      </div>
      <ActionsEditor
        quick
        testId="quick-reply"
        max={LINE_LIMITS.quickReplyItems}
        actions={value.items.map((item) => item.action)}
        onChange={(actions) => onChange(actions.length ? { items: actions.map((action, i) => ({ ...value.items[i], type: 'action', action })) } : undefined)}
      />
    </div>
  );
}

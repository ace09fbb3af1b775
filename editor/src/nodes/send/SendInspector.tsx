import { useTranslation } from 'react-i18next';
import { checkMessageLimits, LINE_LIMITS } from '@lsb/shared';
import { PhonePreview } from '../../composer/PhonePreview.tsx';
import { MessageEditor } from '../../composer/MessageEditor.tsx';
import { defaultMessage } from '../../composer/messageDefaults.ts';
import type { InspectorProps } from '../../inspector/types.ts';
import { SendCapEditor } from './SendCapEditor.tsx';
import { SendDeliveryEditor } from './SendDeliveryEditor.tsx';
import { SendMeasureSettings } from './SendMeasureSettings.tsx';

/** Up to five messages sent together, composed with a live phone preview. */
export function SendInspector({ nodeId, data, onChange }: InspectorProps<'send'>) {
  const { t } = useTranslation();
  const violations = checkMessageLimits(data.messages);
  const set = (messages: typeof data.messages) => onChange({ ...data, messages });
  const move = (i: number, by: -1 | 1) => {
    const messages = data.messages.slice();
    const [m] = messages.splice(i, 1);
    if (m) messages.splice(i + by, 0, m);
    set(messages);
  };
  return (
    <>
      <PhonePreview messages={data.messages} />
      {data.messages.map((m, i) => (
        <section key={i} className="message-block">
          <div className="row">
            <strong>{t('composer.message', { n: i + 1 })}</strong>
            <span className="spacer" />
            <button type="button" onClick={() => move(i, -1)} disabled={i === 0} aria-label={t('insp.moveUp')}>↑</button>
            <button type="button" onClick={() => move(i, 1)} disabled={i === data.messages.length - 1} aria-label={t('insp.moveDown')}>↓</button>
            <button type="button" onClick={() => set(data.messages.filter((_, j) => j !== i))} disabled={data.messages.length <= 1} aria-label={t('insp.remove')} data-testid="message-remove">×</button>
          </div>
          <MessageEditor index={i} message={m} violations={violations.filter((v) => v.messageIndex === i)} onChange={(next) => set(data.messages.map((x, j) => (j === i ? next : x)))} />
        </section>
      ))}
      <button type="button" onClick={() => set([...data.messages, defaultMessage('text')])} disabled={data.messages.length >= LINE_LIMITS.messagesPerSend} data-testid="message-add">
        ＋ {t('composer.addMessage', { max: LINE_LIMITS.messagesPerSend })}
      </button>
      <SendDeliveryEditor value={data.delivery} onChange={(delivery) => onChange({ ...data, delivery })} />
      <SendMeasureSettings nodeId={nodeId} unit={data.aggregationUnit}
        onChange={(aggregationUnit) => { const { aggregationUnit: _old, ...rest } = data; onChange(aggregationUnit === undefined ? rest : { ...rest, aggregationUnit }); }} />
      <SendCapEditor
        value={data}
        onChange={(cap) => {
          const { alwaysDeliver: _always, overCap: _overCap, ...rest } = data;
          onChange({ ...rest, ...cap });
        }}
      />
    </>
  );
}

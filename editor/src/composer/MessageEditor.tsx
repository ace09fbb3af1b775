import { useTranslation } from 'react-i18next';
import type { LimitViolation, MessageDraft } from '@lsb/shared';
import { Field } from '../inspector/controls.tsx';
import { useSharedT } from '../i18n/useLang.ts';
import { FlexEditor } from './FlexEditor.tsx';
import { ImagemapEditor } from './ImagemapEditor.tsx';
import { AudioEditor, CouponEditor, LocationEditor, VideoEditor } from './MediaEditors.tsx';
import { COMPOSER_TYPES, composerType, defaultMessage, type ComposerType } from './messageDefaults.ts';
import { QuickReplyEditor } from './QuickReplyEditor.tsx';
import { TemplateEditor } from './TemplateEditor.tsx';
import { TextEditor } from './TextEditor.tsx';

/** One message of a send: its type, the form for that type, quick replies and broken limits. */
export function MessageEditor({ index, message, violations, onChange }: {
  index: number;
  message: MessageDraft;
  violations: LimitViolation[];
  onChange: (m: MessageDraft) => void;
}) {
  const { t } = useTranslation();
  const st = useSharedT();
  return (
    <div className="message-editor" data-testid="message-editor" data-index={index}>
      <select value={composerType(message)} onChange={(e) => onChange(defaultMessage(e.target.value as ComposerType, message))} data-testid="message-type" aria-label={t('composer.type')}>
        {COMPOSER_TYPES.map((type) => <option key={type} value={type}>{t(`composer.types.${type}`)}</option>)}
      </select>
      {message.type === 'text' && <TextEditor value={message.text} onChange={(text) => onChange({ ...message, text })} />}
      {message.type === 'sticker' && (
        <div className="row">
          <Field label={t('composer.packageId')}>
            <input className="short" value={message.packageId} onChange={(e) => onChange({ ...message, packageId: e.target.value })} data-testid="sticker-package" />
          </Field>
          <Field label={t('composer.stickerId')}>
            <input className="short" value={message.stickerId} onChange={(e) => onChange({ ...message, stickerId: e.target.value })} data-testid="sticker-id" />
          </Field>
        </div>
      )}
      {message.type === 'image' && (
        <>
          <Field label={t('composer.imageUrl')}>
            <input value={message.originalContentUrl} onChange={(e) => onChange({ ...message, originalContentUrl: e.target.value })} data-testid="image-url" />
          </Field>
          <Field label={t('composer.previewUrl')}>
            <input value={message.previewImageUrl} onChange={(e) => onChange({ ...message, previewImageUrl: e.target.value })} data-testid="image-preview-url" />
          </Field>
        </>
      )}
      {message.type === 'template' && <TemplateEditor value={message} onChange={onChange} />}
      {message.type === 'flex' && <FlexEditor value={message} onChange={onChange} />}
      {message.type === 'video' && <VideoEditor value={message} onChange={onChange} />}
      {message.type === 'audio' && <AudioEditor value={message} onChange={onChange} />}
      {message.type === 'location' && <LocationEditor value={message} onChange={onChange} />}
      {message.type === 'imagemap' && <ImagemapEditor value={message} onChange={onChange} />}
      {message.type === 'coupon' && <CouponEditor value={message} onChange={onChange} />}
      <QuickReplyEditor
        value={message.quickReply}
        onChange={(quickReply) => {
          const { quickReply: _old, ...rest } = message;
          onChange(quickReply ? { ...message, quickReply } : (rest as MessageDraft));
        }}
      />
      {violations.map((v, i) => (
        <div key={i} className="field-error" role="alert" data-testid="message-limit-error">
          {t('composer.violation', { rule: st(`limitRule.${v.rule}`), actual: v.actual, limit: v.limit })}
        </div>
      ))}
    </div>
  );
}

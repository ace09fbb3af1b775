import { useTranslation } from 'react-i18next';
import { LINE_LIMITS, type TemplateDraft } from '@lsb/shared';
import { Field } from '../inspector/controls.tsx';
import { ActionsEditor } from './ActionsEditor.tsx';
import { TextEditor } from './TextEditor.tsx';

/** Buttons (title, image, text, 1–4 buttons) and confirm (text, exactly 2 buttons) templates. */
export function TemplateEditor({ value, onChange }: { value: TemplateDraft; onChange: (m: TemplateDraft) => void }) {
  const { t } = useTranslation();
  const tpl = value.template;
  return (
    <>
      <Field label={t('composer.altText')} hint={t('composer.altTextHint')}>
        <input value={value.altText} onChange={(e) => onChange({ ...value, altText: e.target.value })} data-testid="template-alt" />
      </Field>
      {tpl.type === 'buttons' && (
        <>
          <Field label={t('composer.title')}>
            <input value={tpl.title ?? ''} onChange={(e) => onChange({ ...value, template: { ...tpl, title: e.target.value || undefined } })} data-testid="template-title" />
          </Field>
          <Field label={t('composer.thumbnail')}>
            <input value={tpl.thumbnailImageUrl ?? ''} placeholder="https://" onChange={(e) => onChange({ ...value, template: { ...tpl, thumbnailImageUrl: e.target.value || undefined } })} />
          </Field>
        </>
      )}
      <Field label={t('composer.body')}>
        <TextEditor
          rows={3}
          testId="template-text"
          value={tpl.text}
          max={tpl.type === 'confirm' ? LINE_LIMITS.confirmText : tpl.title || tpl.thumbnailImageUrl ? LINE_LIMITS.buttonsTextWithHeader : LINE_LIMITS.buttonsText}
          onChange={(text) => onChange({ ...value, template: { ...tpl, text } })}
        />
      </Field>
      <ActionsEditor
        testId="template-actions"
        actions={tpl.actions}
        min={tpl.type === 'confirm' ? 2 : 1}
        max={tpl.type === 'confirm' ? LINE_LIMITS.confirmActions : LINE_LIMITS.buttonsActions}
        onChange={(actions) => onChange({ ...value, template: { ...tpl, actions } })}
      />
    </>
  );
}

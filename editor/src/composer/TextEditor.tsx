import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { LINE_LIMITS, linkPlaceholder, utf16Length } from '@lsb/shared';
import { CataloguePicker } from '../inspector/controls.tsx';
import { LinkPicker } from './LinkPicker.tsx';

/**
 * Message text with placeholder insertion at the caret and a UTF-16 counter against LINE's 5,000
 * limit (LINE counts UTF-16 code units, so an emoji counts 2).
 */
export function TextEditor({ value, onChange, max = LINE_LIMITS.textLength, testId = 'message-text', rows = 6 }: {
  value: string;
  onChange: (text: string) => void;
  max?: number;
  testId?: string;
  rows?: number;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLTextAreaElement>(null);
  const length = utf16Length(value);
  const insert = (snippet: string) => {
    const el = ref.current;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    onChange(value.slice(0, start) + snippet + value.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + snippet.length, start + snippet.length);
    });
  };
  return (
    <div className="text-editor">
      <textarea ref={ref} rows={rows} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} className={length > max ? 'invalid' : undefined} />
      <div className="row small">
        <button type="button" onClick={() => insert(`{name|${t('composer.nameFallback')}}`)} data-testid="insert-name">＋ {t('composer.insertName')}</button>
        <CataloguePicker kind="field" value="" emptyLabel={`＋ ${t('composer.insertField')}`} onChange={(id) => id && insert(`{field:${id}|}`)} testId="insert-field" />
        <LinkPicker onPick={(id) => insert(linkPlaceholder(id))} />
        <span className={length > max ? 'counter bad' : 'counter'} data-testid="text-counter" data-length={length}>
          {length.toLocaleString()} / {max.toLocaleString()}
        </span>
      </div>
      {length > max && <div className="field-error" role="alert" data-testid="text-too-long">{t('composer.tooLong', { over: (length - max).toLocaleString() })}</div>}
    </div>
  );
}

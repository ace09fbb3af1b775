import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { LINE_LIMITS, linkPlaceholder, placeholdersForDisplay, placeholdersForStorage, utf16Length } from '@lsb/shared';
import { useFlow } from '../store/FlowStoreContext.tsx';
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
  // The box shows links and fields by name ({link:クーポンページ}); what is stored keeps their ids.
  const catalogue = useFlow((s) => s.catalogue);
  const shown = placeholdersForDisplay(value, catalogue);
  const change = (text: string) => onChange(placeholdersForStorage(text, catalogue));
  const insert = (snippet: string) => {
    const el = ref.current;
    const start = el?.selectionStart ?? shown.length;
    const end = el?.selectionEnd ?? shown.length;
    const piece = placeholdersForDisplay(snippet, catalogue);
    change(shown.slice(0, start) + piece + shown.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + piece.length, start + piece.length);
    });
  };
  return (
    <div className="text-editor">
      <textarea ref={ref} rows={rows} value={shown} onChange={(e) => change(e.target.value)} data-testid={testId} className={length > max ? 'invalid' : undefined} />
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

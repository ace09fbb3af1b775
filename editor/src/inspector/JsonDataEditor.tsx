import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Raw JSON of a value, applied only when it parses, so a half-typed edit never breaks the node. */
export function JsonDataEditor({ value, onChange, testId = 'json-data-editor', rows = 10 }: {
  value: unknown;
  onChange: (value: unknown) => void;
  testId?: string;
  rows?: number;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => JSON.stringify(value, null, 2));
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="json-editor">
      <textarea
        rows={rows}
        value={text}
        spellCheck={false}
        data-testid={testId}
        onChange={(e) => {
          setText(e.target.value);
          try {
            const parsed: unknown = JSON.parse(e.target.value);
            setError(null);
            onChange(parsed);
          } catch (err) {
            setError(err instanceof Error ? err.message : String(err));
          }
        }}
      />
      {error && <div className="field-error" role="alert">{t('inspector.invalidJson', { error })}</div>}
    </div>
  );
}

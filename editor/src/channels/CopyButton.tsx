import { memo, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Copies `text` to the clipboard and says so; where the clipboard is refused, says to copy by hand. */
export const CopyButton = memo(function CopyButton({ text, testId }: { text: string; testId: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state !== 'copied') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <>
      <button type="button" onClick={() => void copy()} data-testid={testId} data-state={state}>
        {state === 'copied' ? `✓ ${t('channels.copied')}` : t('channels.copy')}
      </button>
      {state === 'failed' && <span className="field-error" role="alert">{t('channels.copyFailed')}</span>}
    </>
  );
});

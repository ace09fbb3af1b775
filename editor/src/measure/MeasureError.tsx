import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/errors.ts';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';

/** A refusal with a stable code this screen knows says so in its words; anything else as everywhere. */
export function MeasureError({ error, section, onRetry }: { error: unknown; section: 'conv' | 'cross' | 'rfm'; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  const code = isApiError(error) ? error.code : undefined;
  const key = code === undefined ? undefined
    : section === 'conv' ? `measure.conv.errors.${code}` : section === 'cross' ? `measure.cross.errors.${code}` : `measure.rfm.errors.${code}`;
  if (key && i18n.exists(key)) return <p className="error-banner" role="alert" data-testid="measure-error" data-code={code}>{t(key)}</p>;
  return <ErrorMessage error={error} onRetry={onRetry} />;
}

import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/errors.ts';
import { errorSource } from '../templates/errorText.ts';
import { useTemplateErrorText } from '../templates/useTemplateErrorText.ts';

/** Turns any failure into a sentence a marketer can act on; the technical code stays visible. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  const templateText = useTemplateErrorText();
  return (error) => {
    if (isApiError(error)) {
      // Template and bundle codes (a clone's unmapped references refusing a publish, say) in their own words.
      if (errorSource(error.code)) return templateText(error);
      if (error.status === 0) return t('errors.network');
      if (error.status === 404) return t('errors.notFound');
      if (error.code === 'revision_conflict') return t('errors.conflict');
      // A role too low for the action: say which role it takes (shared/src/api/accounts.ts).
      if (error.code === 'forbidden') {
        const required = (error.details as { required?: unknown } | undefined)?.required;
        return t('acct.errors.forbidden', { role: typeof required === 'string' ? t(`acct.roles.${required}`) : '' });
      }
      return t('errors.server', { code: error.code, message: error.message });
    }
    return error instanceof Error ? error.message : String(error);
  };
}

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const text = useErrorText();
  return (
    <div className="error-banner" role="alert" data-testid="error-banner">
      <span>{text(error)}</span>
      {onRetry && (
        <button type="button" onClick={onRetry} data-testid="error-retry">
          {t('errors.retry')}
        </button>
      )}
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { ACCOUNT_ERROR_CODES, type AccountErrorCode } from '@lsb/shared/api';
import { isApiError } from '../api/errors.ts';
import { useErrorText } from '../shell/ErrorMessage.tsx';

const KNOWN = new Set<string>(ACCOUNT_ERROR_CODES);

/**
 * The accounts routes' stable codes as sentences (weak passwords say which rule failed; a role
 * refusal names the role it takes); anything else as the app's usual error text.
 */
export function useAccountErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  const fallback = useErrorText();
  return (error) => {
    if (!isApiError(error) || !KNOWN.has(error.code)) return fallback(error);
    const details = (error.details ?? {}) as { reason?: unknown; required?: unknown };
    const code = error.code as AccountErrorCode;
    if (code === 'weak_password') return t(details.reason === 'common' ? 'acct.errors.common' : 'acct.errors.too_short');
    if (code === 'forbidden') return t('acct.errors.forbidden', { role: typeof details.required === 'string' ? t(`acct.roles.${details.required}`) : '' });
    if (code === 'workspace_not_found' || code === 'organization_not_found' || code === 'invitation_not_found' || code === 'api_token_not_found') return fallback(error);
    if (code === 'host_not_allowed' || code === 'origin_mismatch') return fallback(error);
    return t(`acct.errors.${code}`);
  };
}

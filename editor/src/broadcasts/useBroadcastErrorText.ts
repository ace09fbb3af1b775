import { useTranslation } from 'react-i18next';
import { BROADCAST_ERROR_CODES, type BroadcastErrorCode } from '@lsb/shared/api';
import { isApiError } from '../api/errors.ts';
import { useErrorText } from '../shell/ErrorMessage.tsx';

const KNOWN = new Set<string>(BROADCAST_ERROR_CODES);

/** Each refusal code of the broadcasts contract in words, with its details; anything else as every page says it. */
export function useBroadcastErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  const generic = useErrorText();
  return (error) => {
    if (!isApiError(error) || !KNOWN.has(error.code)) return generic(error);
    const code = error.code as BroadcastErrorCode;
    const details = (error.details ?? {}) as { needed?: number; remaining?: number; status?: string };
    return t(`bc.errors.${code}`, {
      needed: details.needed?.toLocaleString() ?? '?',
      remaining: details.remaining?.toLocaleString() ?? '?',
      status: details.status ? t(`bc.status.${details.status}`, { defaultValue: details.status }) : '?',
    });
  };
}

import { useTranslation } from 'react-i18next';
import { TEMPLATE_REFERENCE_KINDS } from '@lsb/shared';
import { isApiError } from '../api/errors.ts';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';
import { errorKey } from './errorText.ts';

/** A template, bundle or roll-out failure in words that name the problem; other failures as everywhere. */
export function TemplateError({ error, testId = 'template-error' }: { error: unknown; testId?: string }) {
  const text = useTemplateErrorText();
  const key = isApiError(error) ? errorKey(error.code) : undefined;
  if (!key) return <ErrorMessage error={error} />;
  return <div className="error-banner" role="alert" data-testid={testId} data-code={isApiError(error) ? error.code : undefined}>{text(error)}</div>;
}

/** The sentence for a template / bundle / roll-out error code (with its details as parameters). */
export function useTemplateErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => {
    if (!isApiError(error)) return error instanceof Error ? error.message : String(error);
    const key = errorKey(error.code);
    if (!key) return t('errors.server', { code: error.code, message: error.message });
    const params = paramsOf(error.details);
    // Sizes in MB, as people think of files.
    if (typeof params.bytes === 'number') params.size = mb(params.bytes);
    if (typeof params.max === 'number' && error.code === 'bundle_too_large') params.limit = mb(params.max);
    // A reference kind in the details is named as the screens name it (タグ, 友だち情報欄, …).
    if (typeof params.kind === 'string' && (NAMED_KINDS as readonly string[]).includes(params.kind)) {
      params.kind = t(`tpl.kinds.${params.kind as (typeof NAMED_KINDS)[number]}`);
    }
    return t(key, params);
  };
}

const NAMED_KINDS = [...TEMPLATE_REFERENCE_KINDS, 'node', 'edge'] as const;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function paramsOf(details: unknown): Record<string, string | number> {
  if (!details || typeof details !== 'object' || Array.isArray(details)) return {};
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(details as Record<string, unknown>)) {
    if (typeof v === 'string' || typeof v === 'number') params[k] = v;
    else if (Array.isArray(v)) params[k] = v.length;
  }
  return params;
}

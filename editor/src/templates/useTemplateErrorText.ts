import { useTranslation } from 'react-i18next';
import { formatBundleError, TEMPLATE_REFERENCE_KINDS } from '@lsb/shared';
import { isApiError } from '../api/errors.ts';
import { useSharedT } from '../i18n/useLang.ts';
import { errorSource } from './errorText.ts';

/** The sentence for a template / bundle / roll-out error code (with its details as parameters). */
export function useTemplateErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  const st = useSharedT();
  return (error) => {
    if (!isApiError(error)) return error instanceof Error ? error.message : String(error);
    const source = errorSource(error.code);
    if (!source) return t('errors.server', { code: error.code, message: error.message });
    const params = paramsOf(error.details);
    // A kind in the details is named as the screens name it (タグ, 友だち情報欄, ノード, …).
    if (typeof params.kind === 'string') {
      const kind = params.kind;
      if ((TEMPLATE_REFERENCE_KINDS as readonly string[]).includes(kind)) params.kind = t(`refKind.${kind as (typeof TEMPLATE_REFERENCE_KINDS)[number]}`);
      else if (kind === 'node' || kind === 'edge') params.kind = t(`tpl.idKinds.${kind}`);
    }
    return source.kind === 'bundle' ? formatBundleError({ code: source.code, params }, st) : t(`tpl.errors.${source.code}`, params);
  };
}

/** Details as message parameters: strings and numbers as they are, lists by their length. */
export function paramsOf(details: unknown): Record<string, string | number> {
  if (!details || typeof details !== 'object' || Array.isArray(details)) return {};
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(details as Record<string, unknown>)) {
    if (typeof v === 'string' || typeof v === 'number') params[k] = v;
    else if (Array.isArray(v)) params[k] = v.length;
  }
  return params;
}

import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/errors.ts';
import { useErrorText } from '../shell/ErrorMessage.tsx';

const KNOWN = new Set([
  'tag_exists', 'field_exists', 'tag_folder_exists', 'tag_in_use', 'field_in_use', 'link_in_use',
  'tag_in_published_scenario', 'field_in_published_scenario', 'link_in_published_scenario',
  'merge_into_itself', 'duplicate_choice', 'invalid_request', 'invalid_field_value', 'field_has_values',
]);

/** The catalogue's refusals in the marketer's words; anything else as the app says it elsewhere. */
export function useCatalogueErrorText(): (error: unknown, name?: string) => string {
  const { t } = useTranslation();
  const fallback = useErrorText();
  return (error, name = '') => {
    if (isApiError(error) && KNOWN.has(error.code)) return t(`cat.errors.${error.code}`, { name, count: (error.details as { count?: number } | undefined)?.count ?? 0 });
    return fallback(error);
  };
}

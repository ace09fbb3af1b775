import { templateCategoryLabel, type TemplateCategory } from '@lsb/shared';
import { useSharedT } from '../i18n/useLang.ts';

/** A template category's name, from shared's catalogue (the runtime and the editor say the same). */
export function useCategoryLabel(): (category: TemplateCategory) => string {
  const st = useSharedT();
  return (category) => templateCategoryLabel(category, st);
}

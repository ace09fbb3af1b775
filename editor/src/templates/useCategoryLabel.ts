import { useSharedT } from '../i18n/useLang.ts';
import { categoryOf } from './api.ts';

/** A template category's name, from shared's catalogue (the runtime and the editor say the same). */
export function useCategoryLabel(): (category: string) => string {
  const st = useSharedT();
  return (category) => st(`template.category.${categoryOf(category)}`);
}

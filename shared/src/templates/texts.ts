import type { BundleError, BundleErrorCode } from '../bundle/schema.ts';
import type { SharedKey, Translate } from '../i18n/text.ts';
import type { TemplateCategory } from './content.ts';

// People's words for template categories and bundle errors (ja/en in shared's catalogues).

const CATEGORY_KEYS: Record<TemplateCategory, SharedKey> = {
  welcome: 'template.category.welcome', sales: 'template.category.sales', reminder: 'template.category.reminder',
  birthday: 'template.category.birthday', aftercare: 'template.category.aftercare', course: 'template.category.course',
  inflow: 'template.category.inflow', other: 'template.category.other',
};

const BUNDLE_ERROR_KEYS: Record<BundleErrorCode, SharedKey> = {
  bundle_too_large: 'template.bundleError.bundle_too_large',
  bundle_not_json: 'template.bundleError.bundle_not_json',
  bundle_not_a_bundle: 'template.bundleError.bundle_not_a_bundle',
  bundle_unknown_version: 'template.bundleError.bundle_unknown_version',
  bundle_future_version: 'template.bundleError.bundle_future_version',
  bundle_invalid_shape: 'template.bundleError.bundle_invalid_shape',
  bundle_invalid_graph: 'template.bundleError.bundle_invalid_graph',
  bundle_duplicate_id: 'template.bundleError.bundle_duplicate_id',
  bundle_dangling_reference: 'template.bundleError.bundle_dangling_reference',
};

export function templateCategoryLabel(category: TemplateCategory, t: Translate): string {
  return t(CATEGORY_KEYS[category]);
}

/** A refused bundle in the reader's language: the API's `{ code, details }` or parseBundle's error. */
export function formatBundleError(error: Pick<BundleError, 'code' | 'params'>, t: Translate): string {
  return t(BUNDLE_ERROR_KEYS[error.code], error.params);
}

import { BUNDLE_ERROR_CODES, type BundleErrorCode } from '@lsb/shared';
import { TEMPLATE_ERROR_CODES, type TemplateErrorCode } from '@lsb/shared/api';

/** Which catalogue names an error code: shared's (bundle errors, worded once for every layer), the editor's (`tpl.errors.`), or neither. */
export function errorSource(code: string): { kind: 'bundle'; code: BundleErrorCode } | { kind: 'template'; code: TemplateErrorCode } | undefined {
  if ((BUNDLE_ERROR_CODES as readonly string[]).includes(code)) return { kind: 'bundle', code: code as BundleErrorCode };
  if ((TEMPLATE_ERROR_CODES as readonly string[]).includes(code)) return { kind: 'template', code: code as TemplateErrorCode };
  return undefined;
}

import { BUNDLE_ERROR_CODES } from '@lsb/shared';
import { TEMPLATE_ERROR_CODES } from '@lsb/shared/api';

const KNOWN = new Set<string>([...TEMPLATE_ERROR_CODES, ...BUNDLE_ERROR_CODES]);

/** The catalogue key of a template or bundle error code (`tpl.errors.<code>`), or undefined for other codes. */
export function errorKey(code: string): string | undefined {
  return KNOWN.has(code) ? `tpl.errors.${code}` : undefined;
}

import { isApiError } from '../api/errors.ts';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';
import { errorSource } from './errorText.ts';
import { useTemplateErrorText } from './useTemplateErrorText.ts';

/** A template, bundle or roll-out failure in words that name the problem; other failures as everywhere. */
export function TemplateError({ error, testId = 'template-error' }: { error: unknown; testId?: string }) {
  const text = useTemplateErrorText();
  if (!isApiError(error) || !errorSource(error.code)) return <ErrorMessage error={error} />;
  return <div className="error-banner" role="alert" data-testid={testId} data-code={error.code}>{text(error)}</div>;
}

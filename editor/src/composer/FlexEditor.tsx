import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlexDraft } from '@lsb/shared';
import { Field } from '../inspector/controls.tsx';

/** Checks a flex container's JSON shape before it reaches the node; LINE's size limits are the validator's. */
export function flexProblem(text: string): { key: string; params?: Record<string, string> } | { contents: Record<string, unknown> } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { key: 'composer.flexNotJson', params: { error: e instanceof Error ? e.message : String(e) } };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { key: 'composer.flexNotObject' };
  const type = (json as { type?: unknown }).type;
  if (type !== 'bubble' && type !== 'carousel') return { key: 'composer.flexType' };
  if (type === 'carousel' && !Array.isArray((json as { contents?: unknown }).contents)) return { key: 'composer.flexCarousel' };
  return { contents: json as Record<string, unknown> };
}

/** Flex JSON as text (as made in LINE's Flex Message Simulator); applied only when it is a container. */
export function FlexEditor({ value, onChange }: { value: FlexDraft; onChange: (m: FlexDraft) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => JSON.stringify(value.contents, null, 2));
  const [problem, setProblem] = useState<{ key: string; params?: Record<string, string> }>();
  return (
    <>
      <Field label={t('composer.altText')} hint={t('composer.altTextHint')}>
        <input value={value.altText} onChange={(e) => onChange({ ...value, altText: e.target.value })} data-testid="flex-alt" />
      </Field>
      <Field label={t('composer.flexJson')} hint={t('composer.flexHint')}>
        <textarea
          rows={12}
          className={problem ? 'code invalid' : 'code'}
          spellCheck={false}
          value={text}
          data-testid="flex-json"
          onChange={(e) => {
            setText(e.target.value);
            const result = flexProblem(e.target.value);
            if ('contents' in result) {
              setProblem(undefined);
              onChange({ ...value, contents: result.contents });
            } else {
              setProblem(result);
            }
          }}
        />
      </Field>
      {problem && <div className="field-error" role="alert" data-testid="flex-error">{t(problem.key, problem.params ?? {})}</div>}
    </>
  );
}

import { useTranslation } from 'react-i18next';
import { Field } from '../../inspector/controls.tsx';
import { TagListPicker } from '../../inspector/TagListPicker.tsx';
import type { InspectorProps } from '../../inspector/types.ts';

export function TagInspector({ data, onChange }: InspectorProps<'tag'>) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t('insp.tag.add')}>
        <TagListPicker value={data.add} onChange={(add) => onChange({ ...data, add })} testId="tag-add" />
      </Field>
      <Field label={t('insp.tag.remove')} hint={t('insp.tag.hint')}>
        <TagListPicker value={data.remove} onChange={(remove) => onChange({ ...data, remove })} testId="tag-remove" />
      </Field>
    </>
  );
}

import { useTranslation } from 'react-i18next';
import type { InspectorProps } from '../../inspector/types.ts';

export function EndInspector(_props: InspectorProps<'end'>) {
  const { t } = useTranslation();
  return <p className="muted">{t('insp.end.hint')}</p>;
}

import { DateTime } from 'luxon';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nextWakeAt, type WaitData } from '@lsb/shared';
import { useEditorEnv } from '../../editor/EditorEnv.tsx';

/**
 * When a friend who starts now would move on, computed by shared's nextWakeAt (the engine's own
 * function) in the workspace zone; a date-field wait asks for an example date.
 */
export function WaitPreview({ data, now = () => new Date() }: { data: WaitData; now?: () => Date }) {
  const { t, i18n } = useTranslation();
  const { timeZone } = useEditorEnv();
  const [example, setExample] = useState(() => DateTime.now().setZone(timeZone).plus({ days: 7 }).toISODate() ?? '');
  const fieldValues = data.mode === 'relativeToField' ? { [data.fieldId]: example } : {};
  const at = nextWakeAt(data, { enteredAt: now(), timeZone, fieldValues });
  const text = at
    ? DateTime.fromJSDate(at).setZone(timeZone).setLocale(i18n.language).toLocaleString({ ...DateTime.DATETIME_MED_WITH_WEEKDAY })
    : null;
  return (
    <div className="preview-box" data-testid="wait-preview">
      <strong>{t('insp.wait.preview')}</strong>
      {data.mode === 'relativeToField' && (
        <label className="row small">
          {t('insp.wait.exampleDate')}
          <input type="date" value={example} onChange={(e) => setExample(e.target.value)} data-testid="wait-example-date" />
        </label>
      )}
      <div data-testid="wait-preview-time">{text ? t('insp.wait.previewAt', { time: text, zone: timeZone }) : t('insp.wait.previewSkipped')}</div>
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import type { DeliveryWindow } from '@lsb/shared';
import { TimeInput } from '../../inspector/controls.tsx';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** 配信時間帯: wake-ups outside it wait for its next opening (e.g. no messages at night). */
export function DeliveryWindowEditor({ value, onChange }: { value: DeliveryWindow | undefined; onChange: (w: DeliveryWindow | undefined) => void }) {
  const { t } = useTranslation();
  return (
    <div className="subsection" data-testid="delivery-window">
      <label className="check">
        <input
          type="checkbox"
          checked={value !== undefined}
          onChange={(e) => onChange(e.target.checked ? { start: '09:00', end: '21:00', weekdays: [1, 2, 3, 4, 5, 6, 7] } : undefined)}
          data-testid="window-enabled"
        />
        {t('insp.wait.window')}
      </label>
      {value && (
        <>
          <div className="sentence">
            <TimeInput value={value.start} onChange={(start) => onChange({ ...value, start })} testId="window-start" />
            <span>〜</span>
            <TimeInput value={value.end} onChange={(end) => onChange({ ...value, end })} testId="window-end" />
          </div>
          <div className="weekdays">
            {WEEKDAYS.map((d) => (
              <label key={d} className="check">
                <input
                  type="checkbox"
                  checked={value.weekdays.includes(d)}
                  disabled={value.weekdays.length === 1 && value.weekdays.includes(d)}
                  onChange={(e) => onChange({ ...value, weekdays: e.target.checked ? [...value.weekdays, d].sort() : value.weekdays.filter((x) => x !== d) })}
                />
                {t(`insp.weekdays.${d}`)}
              </label>
            ))}
          </div>
          <p className="muted small">{t('insp.wait.windowHint')}</p>
        </>
      )}
    </div>
  );
}

import { memo, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

export const PRIORITY_MAX = 9999;

/**
 * 優先度 on the scenario list: when one event (say, a follow) starts several scenarios, their
 * messages go out lowest number first. Saved when the field is left or Enter is pressed.
 */
export const PriorityCell = memo(function PriorityCell({ name, priority, onSave, disabledReason }: {
  name: string;
  priority: number;
  /** Why the person may not change it (their role); undefined when they may. */
  disabledReason?: string | undefined;
  onSave: (priority: number) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState(String(priority));
  useEffect(() => setValue(String(priority)), [priority]);
  const parsed = Number(value);
  const valid = value.trim() !== '' && Number.isInteger(parsed) && parsed >= 0 && parsed <= PRIORITY_MAX;
  const save = () => {
    if (!valid) return setValue(String(priority));
    if (parsed !== priority) void onSave(parsed);
  };
  return (
    <input
      type="number" className="priority-input" min={0} max={PRIORITY_MAX} step={1} value={value}
      aria-label={t('scenarioPriority.label', { name })} aria-invalid={!valid} title={disabledReason ?? t('scenarioPriority.hint')} disabled={disabledReason !== undefined}
      onChange={(e) => setValue(e.target.value)} onBlur={save}
      onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); save(); } }}
      data-testid="scenario-priority"
    />
  );
});

import { useTranslation } from 'react-i18next';
import { describeDays, windowIssues, type DeliveryWindowRule } from '@lsb/shared';
import { TimeInput } from '../../inspector/controls.tsx';
import { useSharedT } from '../../i18n/useLang.ts';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const PRESETS = { weekdays: [1, 2, 3, 4, 5], weekends: [6, 7], everyday: [1, 2, 3, 4, 5, 6, 7] } as const;
/** Ends offered in 30-minute steps up to 24:00 (midnight), which a time input cannot express. */
const ENDS = Array.from({ length: 48 }, (_, i) => `${String(Math.floor((i + 1) / 2)).padStart(2, '0')}:${(i + 1) % 2 ? '30' : '00'}`);

export const DEFAULT_RULE: DeliveryWindowRule = { days: [1, 2, 3, 4, 5, 6, 7], from: '09:00', to: '21:00' };

/**
 * 配信時間帯 as a list of rules, each a weekday set with one span (平日 19:00–21:00; 土日 10:00–12:00
 * and 14:00–16:00 are three rules). Mistakes (no day, end not after start, overlaps) are shown at
 * the rule they concern, with the same codes the validator and the API use.
 */
export function DeliveryWindowRules({ value, onChange }: { value: DeliveryWindowRule[]; onChange: (rules: DeliveryWindowRule[]) => void }) {
  const { t } = useTranslation();
  const sharedT = useSharedT();
  const issues = windowIssues(value);
  const set = (i: number, rule: DeliveryWindowRule) => onChange(value.map((r, j) => (j === i ? rule : r)));
  return (
    <div className="window-rules" data-testid="window-rules">
      {value.map((rule, i) => (
        <div key={i} className="subsection window-rule" data-testid="window-rule">
          <div className="row">
            <strong className="small">{t('timing.window.rule', { n: i + 1 })}</strong>
            <span className="muted small" data-testid="window-rule-days">{rule.days.length ? describeDays(rule.days, sharedT) : ''}</span>
            <button type="button" onClick={() => onChange(value.filter((_, j) => j !== i))} aria-label={t('timing.window.removeRule')} data-testid="window-rule-remove">×</button>
          </div>
          <div className="row">
            {(Object.keys(PRESETS) as Array<keyof typeof PRESETS>).map((p) => (
              <button key={p} type="button" className="small" onClick={() => set(i, { ...rule, days: [...PRESETS[p]] })} data-testid={`window-preset-${p}`}>
                {t(`timing.window.presets.${p}`)}
              </button>
            ))}
          </div>
          <div className="weekdays">
            {WEEKDAYS.map((d) => (
              <label key={d} className="check">
                <input
                  type="checkbox"
                  checked={rule.days.includes(d)}
                  onChange={(e) => set(i, { ...rule, days: e.target.checked ? [...rule.days, d].sort((a, b) => a - b) : rule.days.filter((x) => x !== d) })}
                  data-testid={`window-day-${d}`}
                />
                {t(`insp.weekdays.${d}`)}
              </label>
            ))}
          </div>
          <div className="sentence">
            <TimeInput value={rule.from} onChange={(from) => set(i, { ...rule, from })} testId="window-from" label={t('timing.window.from')} />
            <span>〜</span>
            <select value={rule.to} onChange={(e) => set(i, { ...rule, to: e.target.value })} data-testid="window-to" aria-label={t('timing.window.to')}>
              {!ENDS.includes(rule.to) && <option value={rule.to}>{rule.to}</option>}
              {ENDS.map((end) => <option key={end} value={end}>{end}</option>)}
            </select>
          </div>
          {issues.filter((issue) => issue.index === i).map((issue) => (
            <p key={issue.code} className="error small" role="alert" data-testid="window-error" data-code={issue.code}>
              {t(`timing.window.errors.${issue.code}`, { other: (issue.other ?? 0) + 1, day: issue.day ? describeDays([issue.day], sharedT) : '' })}
            </p>
          ))}
        </div>
      ))}
      <button type="button" onClick={() => onChange([...value, value.length ? { ...DEFAULT_RULE, days: [6, 7], from: '10:00', to: '12:00' } : DEFAULT_RULE])} data-testid="window-add">
        ＋ {t('timing.window.addRule')}
      </button>
      <p className="muted small">{t('timing.window.hint')}</p>
    </div>
  );
}

/** A wait's own 配信時間帯: off, or one or more rules. */
export function DeliveryWindowEditor({ value, onChange }: { value: DeliveryWindowRule[] | undefined; onChange: (w: DeliveryWindowRule[] | undefined) => void }) {
  const { t } = useTranslation();
  const enabled = value !== undefined && value.length > 0;
  return (
    <div className="subsection" data-testid="delivery-window">
      <label className="check">
        <input type="checkbox" checked={enabled} onChange={(e) => onChange(e.target.checked ? [DEFAULT_RULE] : undefined)} data-testid="window-enabled" />
        {t('timing.window.enabled')}
      </label>
      {enabled && <DeliveryWindowRules value={value} onChange={(rules) => onChange(rules.length ? rules : undefined)} />}
    </div>
  );
}

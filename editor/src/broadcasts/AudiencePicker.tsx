import { useTranslation } from 'react-i18next';
import type { BroadcastAudience, BroadcastExclusion, BroadcastOptions } from '@lsb/shared/api';
import { ConditionEditor } from '../conditions/ConditionEditor.tsx';
import { defaultLeaf } from '../conditions/leafDefaults.ts';
import { EMPTY_CONDITION, type Condition } from '../flow/language.ts';
import { useFlow } from '../store/FlowStoreContext.tsx';

type AudienceKind = BroadcastAudience['kind'];

/** Who receives it: all friends, a saved segment or an ad-hoc condition; exclusions; who to leave out by state. */
export function AudiencePicker({ audience, exclusions, options, onChange }: {
  audience: BroadcastAudience;
  exclusions: BroadcastExclusion[];
  options: BroadcastOptions;
  onChange: (change: { audience?: BroadcastAudience; exclusions?: BroadcastExclusion[]; options?: BroadcastOptions }) => void;
}) {
  const { t } = useTranslation();
  const segments = useFlow((s) => s.catalogue?.segments) ?? [];
  const choose = (kind: AudienceKind) => {
    if (kind === 'all') onChange({ audience: { kind } });
    else if (kind === 'segment') onChange({ audience: { kind, segmentId: segments[0]?.id ?? '' } });
    else onChange({ audience: { kind, condition: EMPTY_CONDITION } });
  };
  const setExclusion = (i: number, e: BroadcastExclusion) => onChange({ exclusions: exclusions.map((x, j) => (j === i ? e : x)) });
  return (
    <fieldset className="subsection bc-audience" data-testid="bc-audience">
      <legend>{t('bc.audience.title')}</legend>
      {(['all', 'segment', 'condition'] as const).map((kind) => (
        <label key={kind} className="check">
          <input type="radio" name="bc-audience" checked={audience.kind === kind} onChange={() => choose(kind)} data-testid={`bc-audience-${kind}`} />
          {t(`bc.audience.${kind}`)}
        </label>
      ))}
      {audience.kind === 'segment' && (
        <SegmentSelect segments={segments} value={audience.segmentId} onChange={(segmentId) => onChange({ audience: { kind: 'segment', segmentId } })} testId="bc-audience-segment-select" />
      )}
      {audience.kind === 'condition' && (
        <div data-testid="bc-audience-condition-editor">
          <ConditionEditor value={audience.condition as Condition} onChange={(condition) => onChange({ audience: { kind: 'condition', condition } })} />
        </div>
      )}
      <p className="muted small">{t('bc.audience.blockedNote')}</p>

      <h4>{t('bc.audience.exclusions')}</h4>
      <p className="muted small">{t('bc.audience.exclusionsHint')}</p>
      {exclusions.map((exclusion, i) => (
        <div key={i} className="bc-exclusion" data-testid="bc-exclusion">
          {exclusion.kind === 'segment'
            ? <SegmentSelect segments={segments} value={exclusion.segmentId} onChange={(segmentId) => setExclusion(i, { kind: 'segment', segmentId })} testId="bc-exclusion-segment" />
            : <ConditionEditor value={exclusion.condition as Condition} onChange={(condition) => setExclusion(i, { kind: 'condition', condition })} />}
          <button type="button" onClick={() => onChange({ exclusions: exclusions.filter((_, j) => j !== i) })} data-testid="bc-exclusion-remove">{t('bc.audience.removeExclusion')}</button>
        </div>
      ))}
      <div className="row">
        <button type="button" disabled={segments.length === 0} onClick={() => onChange({ exclusions: [...exclusions, { kind: 'segment', segmentId: segments[0]!.id }] })} data-testid="bc-exclude-segment">{t('bc.audience.excludeSegment')}</button>
        <button type="button" onClick={() => onChange({ exclusions: [...exclusions, { kind: 'condition', condition: { kind: 'and', conditions: [defaultLeaf('tag')] } }] })} data-testid="bc-exclude-condition">{t('bc.audience.excludeCondition')}</button>
      </div>

      <label className="check">
        <input type="checkbox" checked={options.skipWaitingForReply} onChange={(e) => onChange({ options: { ...options, skipWaitingForReply: e.target.checked } })} data-testid="bc-skip-waiting" />
        {t('bc.audience.skipWaiting')}
      </label>
      <label className="check">
        <input type="checkbox" checked={options.respectCaps} onChange={(e) => onChange({ options: { ...options, respectCaps: e.target.checked } })} data-testid="bc-respect-caps" />
        {t('bc.audience.respectCaps')}
      </label>
    </fieldset>
  );
}

function SegmentSelect({ segments, value, onChange, testId }: { segments: { id: string; name: string }[]; value: string; onChange: (id: string) => void; testId: string }) {
  const { t } = useTranslation();
  if (segments.length === 0) return <p className="muted small" data-testid="bc-no-segments">{t('bc.audience.noSegments')}</p>;
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)} aria-label={t('bc.audience.chooseSegment')} data-testid={testId}>
      {!segments.some((s) => s.id === value) && <option value="">{t('bc.audience.chooseSegment')}</option>}
      {segments.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
    </select>
  );
}

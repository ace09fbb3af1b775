import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EMPTY_CONDITION, type Condition } from '../flow/language.ts';
import { useTimingApi } from '../api/timingApi.ts';
import { ConditionEditor } from '../conditions/ConditionEditor.tsx';
import { SegmentCount } from '../conditions/SegmentCount.tsx';
import { useEditorEnv } from '../editor/EditorEnv.tsx';
import { Dialog } from '../shell/Dialog.tsx';
import { useFlow } from '../store/FlowStoreContext.tsx';

type Step =
  | { kind: 'choose' }
  | { kind: 'confirm'; count: number }
  | { kind: 'done'; enrolled: number; skipped: number }
  | { kind: 'failed'; message: string };

interface FriendHit { id: string; displayName: string; status: string }

/**
 * Enrol friends into this scenario through its 手動/API trigger: chosen friends (searched by name)
 * or everyone matching a condition (the branch's condition builder, with its live count). A
 * confirmation shows how many, then the runtime's answer.
 */
export function EnrolDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { ws, scenarioId } = useEditorEnv();
  const api = useTimingApi();
  const published = useFlow((s) => s.scenario?.publishedVersion != null);
  const hasManual = useFlow((s) => s.nodes.some((n) => n.type === 'trigger' && (n.data as { trigger?: { kind?: string } }).trigger?.kind === 'manual'));
  const [mode, setMode] = useState<'friends' | 'condition'>('friends');
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<FriendHit[]>([]);
  const [chosen, setChosen] = useState<Map<string, string>>(new Map());
  const [condition, setCondition] = useState<Condition>(EMPTY_CONDITION);
  const [step, setStep] = useState<Step>({ kind: 'choose' });

  useEffect(() => {
    if (mode !== 'friends') return;
    let current = true;
    const timer = setTimeout(() => {
      api.searchFriends(ws, query).then((page) => current && setHits(page.friends.filter((f) => f.status === 'active')), () => undefined);
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, ws, query, mode]);

  const toggle = (f: FriendHit) => setChosen((m) => {
    const next = new Map(m);
    if (next.has(f.id)) next.delete(f.id);
    else next.set(f.id, f.displayName);
    return next;
  });
  const review = async () => {
    if (mode === 'friends') return setStep({ kind: 'confirm', count: chosen.size });
    try {
      setStep({ kind: 'confirm', count: (await api.countSegment(ws, condition)).count });
    } catch (e) {
      setStep({ kind: 'failed', message: (e as Error).message });
    }
  };
  const enrol = async () => {
    try {
      const target = mode === 'friends' ? { friendIds: [...chosen.keys()] } : { condition };
      const result = await api.enrol(ws, scenarioId, target);
      setStep({ kind: 'done', ...result });
    } catch (e) {
      setStep({ kind: 'failed', message: (e as Error).message });
    }
  };

  const blocked = !published ? t('timing.enrol.notPublished') : !hasManual ? t('timing.enrol.needsManual') : undefined;
  return (
    <Dialog title={t('timing.enrol.title')} onClose={onClose} testId="enrol-dialog" wide>
      {blocked && <p className="error" role="alert" data-testid="enrol-blocked">{blocked}</p>}
      {!blocked && step.kind === 'choose' && (
        <>
          <div className="row" role="radiogroup">
            {(['friends', 'condition'] as const).map((m) => (
              <label key={m} className="check">
                <input type="radio" name="enrol-mode" checked={mode === m} onChange={() => setMode(m)} data-testid={`enrol-mode-${m}`} />
                {t(m === 'friends' ? 'timing.enrol.byFriends' : 'timing.enrol.byCondition')}
              </label>
            ))}
          </div>
          {mode === 'friends' ? (
            <div data-testid="enrol-friends">
              <input value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('timing.enrol.search')} aria-label={t('timing.enrol.search')} data-testid="enrol-search" />
              <ul className="enrol-hits">
                {hits.length === 0 && <li className="muted">{t('timing.enrol.noMatch')}</li>}
                {hits.map((f) => (
                  <li key={f.id}>
                    <label className="check">
                      <input type="checkbox" checked={chosen.has(f.id)} onChange={() => toggle(f)} data-testid="enrol-friend" data-name={f.displayName} />
                      {f.displayName || f.id.slice(0, 8)}
                    </label>
                  </li>
                ))}
              </ul>
              <p className="muted small" data-testid="enrol-selected">{t('timing.enrol.selected', { count: chosen.size })}</p>
            </div>
          ) : (
            <div data-testid="enrol-condition">
              <ConditionEditor value={condition} onChange={setCondition} />
              <SegmentCount condition={condition} />
            </div>
          )}
          <div className="row">
            <button type="button" onClick={onClose}>{t('timing.cancel')}</button>
            <button type="button" className="primary" onClick={() => void review()} disabled={mode === 'friends' && chosen.size === 0} data-testid="enrol-review">
              {t('timing.enrol.next')}
            </button>
          </div>
        </>
      )}
      {step.kind === 'confirm' && (
        <div data-testid="enrol-confirm">
          <h3>{t('timing.enrol.confirmTitle')}</h3>
          <p data-testid="enrol-confirm-text">{t('timing.enrol.confirmText', { count: step.count.toLocaleString() })}</p>
          <div className="row">
            <button type="button" onClick={() => setStep({ kind: 'choose' })}>{t('timing.enrol.back')}</button>
            <button type="button" className="primary" onClick={() => void enrol()} disabled={step.count === 0} data-testid="enrol-confirm-button">
              {t('timing.enrol.confirm', { count: step.count.toLocaleString() })}
            </button>
          </div>
        </div>
      )}
      {step.kind === 'done' && <p className="info-banner" role="status" data-testid="enrol-done">{t('timing.enrol.done', step)}</p>}
      {step.kind === 'failed' && <p className="error" role="alert" data-testid="enrol-failed">{t('timing.enrol.failed', { message: step.message })}</p>}
      {(step.kind === 'done' || step.kind === 'failed' || blocked) && (
        <div className="row"><button type="button" onClick={onClose} data-testid="enrol-close">{t('timing.enrol.close')}</button></div>
      )}
    </Dialog>
  );
}
